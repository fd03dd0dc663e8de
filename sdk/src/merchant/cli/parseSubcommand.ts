// How a `decdp-merchant <subcommand>` (tokens, campaigns, inboxes) reads its flags: the action is
// the first positional, --json is always there, and a flag parseArgs refuses becomes an
// InvalidInputError on `argv` (printed like any other refusal, never a stack trace).
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { InvalidInputError } from '../../errors/index.ts';

const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;

export function parseSubcommand<const Options extends ParseArgsOptionsConfig>(argv: string[], options: Options) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, ...JSON_OPTION },
    });
    return { action: positionals[0] ?? '', values, positionals };
  } catch (cause) {
    throw new InvalidInputError((cause as Error).message, { field: 'argv', cause });
  }
}
