// The operator's HTTP client for the CLI subcommands that act through a running service
// (`campaigns`, `inboxes`, `masks`): where the service is, the bearer token, and a refusal turned back into
// the DecdpError the service answered.
import type { ParseArgsOptionsConfig } from 'node:util';
import { DecdpError, type DecdpErrorCode, InvalidInputError, isDecdpErrorCode } from '../../errors/index.ts';
import { parseSubcommand } from './parseSubcommand.ts';

export const OPERATOR_CLIENT_USAGE = `  --service URL   the merchant service (or env DECDP_MERCHANT_SERVICE; default http://127.0.0.1:8787/)
  --token TOKEN   an operator token with SCOPE (or env DECDP_OPERATOR_TOKEN)`;

export type OperatorCall = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;

/** Calls the service's operator routes with the token from `--token` or DECDP_OPERATOR_TOKEN. */
export function operatorClient(params: {
  command: string;
  service: string | undefined;
  token: string | undefined;
  fetch?: typeof fetch;
  env?: Record<string, string | undefined>;
}): OperatorCall {
  const env = params.env ?? process.env;
  const service = new URL(params.service ?? env.DECDP_MERCHANT_SERVICE ?? 'http://127.0.0.1:8787/');
  const token = params.token ?? env.DECDP_OPERATOR_TOKEN;
  if (!token) {
    throw new InvalidInputError(`${params.command} needs an operator token: --token or DECDP_OPERATOR_TOKEN.`, {
      field: 'token',
      hint: '`decdp-merchant tokens create --name cli --db <store>` makes one.',
    });
  }
  return async (method, path, body) => {
    const response = await (params.fetch ?? fetch)(new URL(path, service), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const answer = (await response.json()) as unknown;
    if (!response.ok) {
      const error = (answer as { error?: { code?: string; message?: string; field?: string; hint?: string } }).error;
      throw new DecdpError(
        (isDecdpErrorCode(error?.code) ? error.code : 'INTERNAL') as DecdpErrorCode,
        error?.message ?? `HTTP ${response.status}`,
        { ...(error?.field ? { field: error.field } : {}), ...(error?.hint ? { hint: error.hint } : {}) },
      );
    }
    return answer;
  };
}

/** Where an operator subcommand's tests point it: another fetch, another environment. */
export type OperatorCommandOptions = { fetch?: typeof fetch; env?: Record<string, string | undefined> };

/** Flags that take one value each (`--mask ID`), as parseArgs options. */
export function stringFlags<const Names extends readonly string[]>(...names: Names) {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' }])) as {
    [Name in Names[number]]: { type: 'string' };
  };
}

/**
 * Reads an operator subcommand's flags (`--service`, `--token`, `--json` and its own `options`) and
 * opens its client: the action, the flag values, the call to the service, and need(flag): a flag's
 * value, or INVALID_INPUT naming it ("campaigns top-up needs --id.", the usage as hint).
 */
export function operatorSubcommand<const Options extends ParseArgsOptionsConfig>(params: {
  command: string;
  argv: string[];
  options: Options;
  usage: string;
  io: OperatorCommandOptions;
}) {
  const { action, values, positionals } = parseSubcommand(params.argv, {
    ...params.options,
    service: { type: 'string' },
    token: { type: 'string' },
  });
  const { service, token } = values as { service?: string; token?: string };
  const call = operatorClient({ command: params.command, service, token, ...params.io });
  const need = (name: keyof Options & string): string => {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value === 'string' && value) return value;
    throw new InvalidInputError(`${params.command} ${action} needs --${name}.`, { field: name, hint: params.usage });
  };
  return { action, values, positionals, call, need };
}
