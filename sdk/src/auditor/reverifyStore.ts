// Re-checks every answer a merchant store keeps: for each light record, the proof bundle kept
// beside it against the merchant's own signed request (reverifyAnswer, replayed at the record's
// time), and that the record keeps exactly what the proofs show. The store is read, never written.
import type { MerchantStore } from '../store/merchantStore.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { type AuditReport, type Finding, report } from './findings.ts';
import { reverifyAnswer } from './reverifyAnswer.ts';

/** What the audit says about one record's proof. */
export type RecordProofStatus = {
  recordId: number;
  requestId: string;
  /** `valid`: the kept proofs verify and the record matches them; `not-kept`: no bundle (older record, or revoked). */
  proof: 'valid' | 'invalid' | 'not-kept';
  /** The codes of this record's findings. */
  codes: string[];
};

export type ReverifyStoreParameters = {
  store: MerchantStore;
  verificationKey: VerificationKey;
  /**
   * Issuer key hashes to accept. Default: each record's own issuers, so the audit checks that the
   * proofs hold, not whom the merchant trusted (pass the registry's list for that).
   */
  trustedIssuers?: readonly bigint[];
  /** How many records to read; default all (1,000,000). */
  limit?: number;
};

/**
 * @example
 * const audit = await reverifyStore({ store, verificationKey });
 * audit.records.filter((record) => record.proof === 'invalid')
 * @since 0.2.0
 */
export async function reverifyStore(
  params: ReverifyStoreParameters,
): Promise<AuditReport & { records: RecordProofStatus[] }> {
  const { store } = params;
  const records = await store.list({ limit: params.limit ?? 1_000_000, includeRevoked: true });
  const findings: Finding[] = [];
  const statuses: RecordProofStatus[] = [];
  for (const record of [...records].reverse()) {
    const where = `light_records.id=${record.id}`;
    const [signedRequest, bundle] = await Promise.all([
      store.getRequest(record.requestId),
      store.getProofBundle(record.id),
    ]);
    const own: Finding[] = [];
    if (!bundle) {
      own.push({
        code: 'BUNDLE_NOT_KEPT',
        severity: 'warning',
        message: `Record ${record.id} has no proof bundle beside it (recorded before bundles were kept, or revoked): its proof cannot be checked again.`,
        where,
      });
    } else if (!signedRequest) {
      own.push({
        code: 'RECORD_WITHOUT_REQUEST',
        severity: 'error',
        message: `Record ${record.id} answers request ${record.requestId}, which the store does not hold: its proof cannot be checked.`,
        where,
      });
    } else {
      const answer = await reverifyAnswer({
        signedRequest,
        bundle,
        verificationKey: params.verificationKey,
        trustedIssuers: params.trustedIssuers ?? record.issuerKeyHashes.map((hash) => BigInt(hash)),
        record,
      });
      own.push(
        ...answer.findings.map((finding) => ({
          ...finding,
          message: `Record ${record.id}: ${finding.message}`,
          where: finding.where?.startsWith(where) ? finding.where : `${where} ${finding.where ?? 'bundle'}`,
        })),
      );
    }
    findings.push(...own);
    statuses.push({
      recordId: record.id,
      requestId: record.requestId,
      proof: !bundle ? 'not-kept' : own.some((finding) => finding.severity === 'error') ? 'invalid' : 'valid',
      codes: own.map((finding) => finding.code),
    });
  }
  return { ...report('kept proofs', records.length, findings), records: statuses };
}
