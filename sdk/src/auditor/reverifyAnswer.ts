// Re-checks one answer a merchant accepted: the proof bundle against the merchant's signed
// request, as of the time the merchant verified it, and, when given, that the light record the
// merchant kept is exactly what the bundle proves (pseudonym, nullifier, predicates, proof hash).
import { DecdpError } from '../errors/index.ts';
import { type VerifiedBundle, verifyProofBundle } from '../proof/verifyProofBundle.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { LightRecord } from '../store/merchantStore.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { type AuditReport, type Finding, report } from './findings.ts';

export type ReverifyAnswerParameters = {
  signedRequest: SignedRequest;
  /** Untrusted: the bundle the wallet sent (from the merchant's archive or the person's pod). */
  bundle: unknown;
  verificationKey: VerificationKey;
  trustedIssuers: readonly bigint[];
  /** The merchant's record of this answer; its createdAt is the time the check is replayed at. */
  record?: LightRecord;
  /** Unix seconds to replay the check at when there is no record; default now. */
  at?: number;
};

/**
 * @example
 * const audit = await reverifyAnswer({ signedRequest, bundle, verificationKey, trustedIssuers, record });
 * audit.ok // the proof holds and the record keeps nothing it does not prove
 * @since 0.2.0
 */
export async function reverifyAnswer(
  params: ReverifyAnswerParameters,
): Promise<AuditReport & { verified: VerifiedBundle | null }> {
  const findings: Finding[] = [];
  let verified: VerifiedBundle | null = null;
  try {
    verified = await verifyProofBundle({
      signedRequest: params.signedRequest,
      bundle: params.bundle,
      verificationKey: params.verificationKey,
      trustedIssuers: params.trustedIssuers,
      now: params.record?.createdAt ?? params.at,
    });
  } catch (error) {
    if (!(error instanceof DecdpError)) throw error;
    findings.push({
      code: `ANSWER_${error.code}`,
      severity: 'error',
      message: `The answer does not verify: ${error.shortMessage}`,
      where: error.field ?? 'bundle',
    });
  }
  const record = params.record;
  if (verified && record) {
    const expect = (field: keyof LightRecord & keyof VerifiedBundle) => {
      if (JSON.stringify(record[field]) !== JSON.stringify(verified?.[field])) {
        findings.push({
          code: 'RECORD_MISMATCH',
          severity: 'error',
          message: `The record's ${field} is not what the proof shows.`,
          where: `light_records.id=${record.id}.${field}`,
        });
      }
    };
    for (const field of [
      'pseudonym',
      'nullifier',
      'requestId',
      'proofHash',
      'predicates',
      'issuerKeyHashes',
    ] as const) {
      expect(field);
    }
  }
  return { ...report('answer', 1, findings), verified };
}
