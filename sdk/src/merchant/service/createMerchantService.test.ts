import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import { SIGNAL_INDEX } from '../../protocol/publicSignals.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import { makeHolder, merchantSigner } from '../../testing/demo.ts';
import { proveRequest } from '../../wallet/proveRequest.ts';
import { releaseProverThreads } from '../../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { createMerchantService } from './createMerchantService.ts';

const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let store: MerchantStore;
let app: ReturnType<typeof createMerchantService>;
let signed: SignedRequest;
let bundle: ProofBundle;

const post = (path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  store = openSqliteStore({ path: ':memory:' });
  app = createMerchantService({
    signer: merchantSigner(),
    name: 'Bike Shop',
    publicUrl: 'http://localhost:9/',
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
    allowedOrigins: ['http://localhost:5173'],
  });
  const created = await post('/requests', {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    retentionDays: 30,
  });
  expect(created.status).toBe(201);
  signed = (await created.json()) as SignedRequest;
  bundle = await proveRequest({
    signedRequest: signed,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
  });
});
afterAll(async () => {
  await releaseProverThreads();
  await store.close();
});

describe('merchant service', () => {
  it('refuses bad input with a stable code and stores nothing', async () => {
    const tampered = structuredClone(bundle);
    if (tampered.proofs[0]) tampered.proofs[0].publicSignals[SIGNAL_INDEX.operandA] = '65';
    const cases = [
      {
        response: await post(`/requests/${signed.request.id}/answers`, '{"version":', { 'content-type': 'text/plain' }),
        status: 415,
      },
      {
        response: await post(`/requests/${signed.request.id}/answers`, '{"version":'),
        status: 400,
        code: 'INVALID_INPUT',
      },
      { response: await post(`/requests/${signed.request.id}/answers`, 'x'.repeat(70_000)), status: 413 },
      { response: await post(`/requests/${signed.request.id}/answers`, tampered), status: 422, code: 'PROOF_MISMATCH' },
      { response: await post('/requests/nope/answers', bundle), status: 404, code: 'NOT_FOUND' },
      {
        response: await post('/requests', { predicates: [{ attribute: 'shoeSize', op: 'eq', value: 9 }] }),
        status: 400,
      },
    ];
    for (const { response, status, code } of cases) {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message.length).toBeGreaterThan(5);
      if (code) expect(body.error.code).toBe(code);
    }
    expect(await store.list()).toHaveLength(0);
  });

  it('records a verified answer once, and refuses a second answer from the same person', async () => {
    const first = await post(`/requests/${signed.request.id}/answers`, bundle);
    expect(first.status).toBe(201);
    const again = await post(`/requests/${signed.request.id}/answers`, bundle);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);

    const second = await proveRequest({
      signedRequest: signed,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient,
      artifacts,
    });
    const replay = await post(`/requests/${signed.request.id}/answers`, second);
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('NULLIFIER_REUSED');

    const records = await store.list();
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(
      [
        'consentReceipt',
        'createdAt',
        'expiresAt',
        'id',
        'issuerKeyHashes',
        'nullifier',
        'nullifierScope',
        'predicates',
        'proofHash',
        'pseudonym',
        'requestId',
        'revokedAt',
        'rewardTx',
      ].sort(),
    );
  });
});
