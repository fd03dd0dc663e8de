// Which issuers the merchant accepts, from IssuerRegistry: a key is accepted only while the
// registry trusts it (active, or retired and in its grace period), read once and then kept current
// from the registry's events (followIssuerRegistry), so a key revoked on-chain is refused from the
// first block the service reads after the revocation. The list is rebuilt only when a new block
// was read: answers ask for it at every check without costing a chain call or an allocation.
import type { JsonRpcApiProvider } from 'ethers';
import { followIssuerRegistry, type IssuerRegistryFollower } from '../chain/followIssuerRegistry.ts';

export type RegistryTrust = {
  /** For createMerchantService's `trustedIssuers`: the keys accepted now. */
  trustedIssuers: () => readonly bigint[];
  /** For createMerchantService's `issuerRegistry`: shown at GET /config. */
  issuerRegistry: { address: string; block: () => number };
  follower: IssuerRegistryFollower;
  close(): void;
};

/**
 * @example
 * const trust = await trustIssuersFromRegistry({ provider, registry: deployment.registry });
 * createMerchantService({ …, trustedIssuers: trust.trustedIssuers, issuerRegistry: trust.issuerRegistry });
 * @since 0.2.0
 */
export async function trustIssuersFromRegistry(params: {
  provider: JsonRpcApiProvider;
  registry: string;
  /** Where the registry's events start (its deployment block); default 0. */
  fromBlock?: number;
  /** How often new blocks are read; default 1000 ms. */
  intervalMs?: number;
  /** Accept only these keys, and each only while the registry trusts it; default every key it trusts. */
  only?: readonly bigint[];
  onError?: (error: unknown) => void;
}): Promise<RegistryTrust> {
  const follower = await followIssuerRegistry({
    provider: params.provider,
    registry: params.registry,
    ...(params.fromBlock !== undefined ? { fromBlock: params.fromBlock } : {}),
    ...(params.intervalMs !== undefined ? { intervalMs: params.intervalMs } : {}),
    ...(params.onError ? { onError: params.onError } : {}),
  });
  const only = params.only && params.only.length > 0 ? new Set(params.only) : undefined;
  let cached: { block: number; keys: readonly bigint[] } | undefined;
  const trustedIssuers = () => {
    if (cached?.block !== follower.block) {
      const keys = follower.trustedKeys();
      cached = { block: follower.block, keys: only ? keys.filter((key) => only.has(key)) : keys };
    }
    return cached.keys;
  };
  return {
    trustedIssuers,
    issuerRegistry: { address: params.registry, block: () => follower.block },
    follower,
    close: () => follower.close(),
  };
}
