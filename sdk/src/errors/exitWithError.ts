// How a long-running command (decdp-merchant, decdp-issuer) reports the error that stopped it: with
// --json one `{ event: 'error', error }` line on stdout, the same body an HTTP answer carries;
// otherwise one line on stderr. Node only: not exported from errors/index.ts (browser-safe).
import { DecdpError } from './DecdpError.ts';

export function exitWithError(params: {
  command: string;
  error: unknown;
  argv: readonly string[];
  exitCode: number;
}): never {
  const { error } = params;
  if (params.argv.includes('--json')) {
    const body =
      error instanceof DecdpError ? error.toJSON() : { code: 'INTERNAL', message: String((error as Error)?.message) };
    process.stdout.write(`${JSON.stringify({ event: 'error', error: body })}\n`);
  } else {
    process.stderr.write(`${params.command}: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(params.exitCode);
}
