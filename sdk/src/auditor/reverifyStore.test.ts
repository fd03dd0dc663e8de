import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequest } from '../merchant/createRequest.ts';
import { verifyProofBundle } from '../proof/verifyProofBundle.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { makeHolder, merchantSigner } from '../testing/demo.ts';
import { proveAsHolder } from '../testing/proveAsHolder.ts';
import { newRecord } from '../testing/storeContract.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { reverifyStore } from './reverifyStore.ts';

let artifacts: CredentialArtifacts;
let store: MerchantStore;
let recordId: number;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  const holder = await makeHolder();
  store = openSqliteStore({ path: ':memory:' });
  const signedRequest = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Audit Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell to adults' },
    retentionDays: 30,
  });
  await store.saveRequest(signedRequest);
  const bundle = await proveAsHolder({ holder, signedRequest, artifacts });
  const verified = await verifyProofBundle({
    signedRequest,
    bundle,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
  });
  const saved = await store.save({
    ...verified,
    createdAt: verified.verifiedAt,
    expiresAt: verified.verifiedAt + 86_400,
    consentReceipt: null,
    proofBundle: bundle,
  });
  recordId = saved.record.id;
  // A record kept before bundles were: nothing to check again.
  await store.save(newRecord({ requestId: signedRequest.request.id }));
});
afterAll(async () => {
  await releaseProverThreads();
  await store?.close();
});

describe('reverifyStore', () => {
  it('checks each record against the proofs kept beside it, oldest first', async () => {
    const audit = await reverifyStore({ store, verificationKey: artifacts.verificationKey });
    expect(audit.ok).toBe(true);
    expect(audit.records.map((record) => [record.recordId, record.proof, record.codes])).toEqual([
      [recordId, 'valid', []],
      [recordId + 1, 'not-kept', ['BUNDLE_NOT_KEPT']],
    ]);
  });

  it('refuses a proof from an issuer the auditor does not accept', async () => {
    const audit = await reverifyStore({ store, verificationKey: artifacts.verificationKey, trustedIssuers: [1n] });
    expect(audit.ok).toBe(false);
    expect(audit.records[0]).toMatchObject({ proof: 'invalid', codes: ['ANSWER_ISSUER_NOT_TRUSTED'] });
  });
});
