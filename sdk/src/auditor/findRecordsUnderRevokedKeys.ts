// Which records rest on an issuer key that IssuerRegistry revoked? A revocation says the key can
// no longer be believed (stolen, misused): answers proven with it before the revocation were
// accepted in good faith but deserve a second look; an answer recorded after it means the merchant
// accepted a key the chain had already revoked. The registry's KeyRevoked events are the source
// (with their blocks' times), the store's records the other side.
import { Interface, type Provider } from 'ethers';
import { IssuerRegistry } from '../chain/contracts.generated.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

const registryInterface = new Interface(IssuerRegistry.abi as never);

/** A record that names a revoked key. */
export type RecordUnderRevokedKey = {
  recordId: number;
  requestId: string;
  issuerKeyHash: string;
  /** Unix seconds the record was made. */
  createdAt: number;
  /** Unix seconds (the block's time) and block of the revocation. */
  revokedAt: number;
  revokedInBlock: number;
  /** `before`: made under the key, revoked later; `after`: recorded once the key was revoked. */
  when: 'before' | 'after';
};

export type FindRecordsUnderRevokedKeysParameters = {
  store: MerchantStore;
  provider: Provider;
  /** The IssuerRegistry's address. */
  registry: string;
  /** Where the registry's events start (its deployment block); default 0. */
  fromBlock?: number;
};

/**
 * @example
 * const audit = await findRecordsUnderRevokedKeys({ store, provider, registry: deployment.registry });
 * audit.records // every record whose issuer key was revoked, and when
 * @since 0.2.0
 */
export async function findRecordsUnderRevokedKeys(params: FindRecordsUnderRevokedKeysParameters): Promise<
  AuditReport & {
    revokedKeys: { issuerKeyHash: string; revokedAt: number; block: number }[];
    records: RecordUnderRevokedKey[];
  }
> {
  const topic = registryInterface.getEvent('KeyRevoked')?.topicHash as string;
  const logs = await params.provider.getLogs({
    address: params.registry,
    topics: [topic],
    fromBlock: params.fromBlock ?? 0,
    toBlock: 'latest',
  });
  const revoked = new Map<string, { revokedAt: number; block: number }>();
  const blockTimes = new Map<number, number>();
  for (const log of logs) {
    const event = registryInterface.parseLog(log);
    if (!event) continue;
    let time = blockTimes.get(log.blockNumber);
    if (time === undefined) {
      time = (await params.provider.getBlock(log.blockNumber))?.timestamp ?? 0;
      blockTimes.set(log.blockNumber, time);
    }
    const keyHash = BigInt(event.args.keyHash).toString();
    if (!revoked.has(keyHash)) revoked.set(keyHash, { revokedAt: time, block: log.blockNumber });
  }
  const findings: Finding[] = [];
  const records: RecordUnderRevokedKey[] = [];
  const all = await params.store.list({ limit: 1_000_000, includeRevoked: true });
  for (const record of [...all].reverse()) {
    for (const issuerKeyHash of new Set(record.issuerKeyHashes)) {
      const revocation = revoked.get(issuerKeyHash);
      if (!revocation) continue;
      const when = record.createdAt < revocation.revokedAt ? 'before' : 'after';
      records.push({
        recordId: record.id,
        requestId: record.requestId,
        issuerKeyHash,
        createdAt: record.createdAt,
        revokedAt: revocation.revokedAt,
        revokedInBlock: revocation.block,
        when,
      });
      findings.push(
        when === 'before'
          ? {
              code: 'RECORD_UNDER_REVOKED_KEY',
              severity: 'warning',
              message: `Record ${record.id} was proven with issuer key ${issuerKeyHash.slice(0, 12)}…, revoked later (block ${revocation.block}): review what it was used for.`,
              where: `light_records.id=${record.id}.issuerKeyHashes`,
            }
          : {
              code: 'RECORD_AFTER_KEY_REVOKED',
              severity: 'error',
              message: `Record ${record.id} was accepted after issuer key ${issuerKeyHash.slice(0, 12)}… was revoked (block ${revocation.block}).`,
              where: `light_records.id=${record.id}.issuerKeyHashes`,
            },
      );
    }
  }
  return {
    ...report('records under revoked issuer keys', all.length, findings),
    revokedKeys: [...revoked].map(([issuerKeyHash, revocation]) => ({ issuerKeyHash, ...revocation })),
    records,
  };
}
