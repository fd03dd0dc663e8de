// The runtime configuration every page reads from its own origin (docs/interfaces.md).
import { InvalidInputError } from '@decdp/sdk/errors';
import type { AppConfig } from '@decdp/sdk/protocol';

export type { AppConfig };

/** Fetches and checks /decdp.config.json; base URLs always end in '/'. */
export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/decdp.config.json', { cache: 'no-store' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string; hint?: string } } | null;
    throw new InvalidInputError(
      body?.error?.message ?? `The page configuration is missing (HTTP ${response.status}).`,
      {
        field: 'decdp.config.json',
        hint: body?.error?.hint ?? 'Start the pages with `npm start`.',
      },
    );
  }
  return parseConfig(await response.json());
}

export function parseConfig(input: unknown): AppConfig {
  const value = input as Partial<AppConfig> | null;
  const fail = (field: string) =>
    new InvalidInputError(`decdp.config.json: ${field} is missing or wrong.`, { field: `config.${field}` });
  if (!value || typeof value !== 'object') throw fail('(root)');
  for (const field of ['solidServer', 'merchantService', 'rpcUrl'] as const) {
    if (typeof value[field] !== 'string' || !URL.canParse(value[field])) throw fail(field);
  }
  if (typeof value.chainId !== 'number') throw fail('chainId');
  if (!value.contracts || typeof value.contracts.token !== 'string') throw fail('contracts.token');
  return {
    solidServer: withSlash(value.solidServer as string),
    merchantService: withSlash(value.merchantService as string),
    rpcUrl: value.rpcUrl as string,
    chainId: value.chainId,
    contracts: value.contracts,
    campaignId: value.campaignId ?? null,
    ...(typeof value.maskService === 'string' && URL.canParse(value.maskService)
      ? { maskService: withSlash(value.maskService) }
      : {}),
    issuers: Array.isArray(value.issuers)
      ? value.issuers.filter((url) => typeof url === 'string' && URL.canParse(url))
      : [],
    demo: value.demo ?? null,
    explorer: typeof value.explorer === 'string' && URL.canParse(value.explorer) ? withSlash(value.explorer) : null,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
