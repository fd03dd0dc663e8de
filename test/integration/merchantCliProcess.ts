// `decdp-merchant <subcommand> … --json` against a running merchant service, as its operator runs it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const merchantCli = join(process.cwd(), 'node_modules', '.bin', 'decdp-merchant');

/**
 * The CLI as a child process; asynchronous, so the test's own HTTP connections stay alive meanwhile.
 * `output` is its last stdout line parsed (the `--json` result).
 */
export function runMerchantCli(
  subcommand: string,
  service: { url: string; operatorToken: string },
  ...args: string[]
): Promise<{ status: number | null; output: unknown; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [merchantCli, subcommand, ...args, '--service', service.url, '--json'], {
      env: { ...process.env, DECDP_OPERATOR_TOKEN: service.operatorToken },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (status) =>
      resolve({ status, output: JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as unknown, stderr }),
    );
  });
}
