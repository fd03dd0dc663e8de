import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { LightRecord } from '../store/merchantStore.ts';
import { demoRequest, makeHolder } from '../testing/demo.ts';
import { type DemoHolder, proveAsHolder } from '../testing/proveAsHolder.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { reverifyAnswer } from './reverifyAnswer.ts';

let artifacts: CredentialArtifacts;
let holder: DemoHolder;
let signedRequest: SignedRequest;
let bundle: ProofBundle;
let record: LightRecord;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  signedRequest = await demoRequest([{ attribute: 'age', op: 'gte', value: 18 }], {
    purpose: { code: 'age-check', text: 'Sell to adults' },
  });
  bundle = await proveAsHolder({ holder, signedRequest, artifacts });
  const first = await reverifyAnswer({
    signedRequest,
    bundle,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
  });
  const verified = first.verified;
  if (!verified) throw new Error('the fresh answer did not verify');
  record = {
    ...verified,
    id: 1,
    createdAt: verified.verifiedAt,
    expiresAt: verified.verifiedAt + 30 * 86_400,
    consentReceipt: null,
    rewardTx: null,
    revokedAt: null,
  };
});
afterAll(releaseProverThreads);

const audit = (overrides: { bundle?: unknown; record?: LightRecord }) =>
  reverifyAnswer({
    signedRequest,
    bundle: overrides.bundle ?? bundle,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
    record: overrides.record ?? record,
  });

describe('reverifyAnswer', () => {
  it('accepts an answer and the record kept of it, replayed at the record time (a year later too)', async () => {
    expect(await audit({})).toMatchObject({ ok: true, findings: [] });
    // The replay uses record.createdAt, not the auditor's clock: old answers stay checkable.
    const later = await reverifyAnswer({
      signedRequest,
      bundle,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: [holder.issuer.keyHash],
      record,
      at: record.createdAt + 365 * 86_400,
    });
    expect(later.ok).toBe(true);
  });

  it('reports a record that keeps more than the proof shows', async () => {
    const result = await audit({ record: { ...record, predicates: ['age ≥ 18', 'age is 34'] } });
    expect(result.ok).toBe(false);
    expect(result.findings.map((finding) => [finding.code, finding.where])).toEqual([
      ['RECORD_MISMATCH', 'light_records.id=1.predicates'],
    ]);
  });

  it('reports a tampered proof with the verifier’s code', async () => {
    const tampered = structuredClone(bundle);
    const proof = tampered.proofs[0];
    if (proof) proof.proof.pi_a[0] = (BigInt(proof.proof.pi_a[0] as string) + 1n).toString();
    const result = await audit({ bundle: tampered });
    expect(result.ok).toBe(false);
    expect(result.verified).toBeNull();
    expect(result.findings[0]?.code).toBe('ANSWER_PROOF_INVALID');
  });
});
