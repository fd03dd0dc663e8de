import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecdpErrorCode, ERROR_STATUS } from '../../errors/httpStatus.ts';
import { ChainError } from '../../errors/index.ts';
import type { ConsentReceipt } from '../../protocol/consentReceipt.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import { pseudonymOf, SIGNAL_INDEX } from '../../protocol/publicSignals.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import { verifyDeletionConfirmation } from '../../protocol/revocation.ts';
import type { LightRecord, MerchantStore } from '../../store/merchantStore.ts';
import { openSqliteStore } from '../../store/openSqliteStore.ts';
import { makeHolder, merchantSigner } from '../../testing/demo.ts';
import { type DemoHolder, proveAsHolder } from '../../testing/proveAsHolder.ts';
import { type CampaignClaim, proveCampaignClaim } from '../../wallet/proveCampaignClaim.ts';
import { buildRevocation } from '../../wallet/revokeConsent.ts';
import { releaseProverThreads } from '../../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../../zk/loadNodeArtifacts.ts';
import type { ClaimRelay, RelayedClaim } from '../claimRelay.ts';
import { createOperatorToken } from '../operatorToken.ts';
import { createVerifierThreads } from './answerVerifier.ts';
import { createMerchantService, type MerchantServiceOptions } from './createMerchantService.ts';

const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let artifacts: CredentialArtifacts;
let holder: DemoHolder;
let store: MerchantStore;
let app: ReturnType<typeof createMerchantService>;
let signed: SignedRequest;
let bundle: ProofBundle;
const logLines: string[] = [];

const json = { 'content-type': 'application/json' };
/** The operator's token (admin routes); made in beforeAll. */
let operatorToken: string;
const admin = () => ({ ...json, authorization: `Bearer ${operatorToken}` });
const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = path === '/requests' ? admin() : json,
  target: { request: typeof app.request } = app,
) => target.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

function service(overrides: Partial<MerchantServiceOptions> = {}) {
  return createMerchantService({
    signer: merchantSigner(),
    name: 'Bike Shop',
    publicUrl: 'http://localhost:9/',
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
    allowedOrigins: ['http://localhost:5173'],
    ...overrides,
  });
}

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  store = openSqliteStore({ path: ':memory:' });
  ({ token: operatorToken } = await createOperatorToken({ store, name: 'tests' }));
  const logs = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  app = service({ logger: pino({ level: 'info' }, logs), rateLimit: false });
  const created = await post('/requests', {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    retentionDays: 30,
  });
  expect(created.status).toBe(201);
  signed = (await created.json()) as SignedRequest;
  bundle = await proveAsHolder({ holder, signedRequest: signed, artifacts, recipient });
});
afterAll(async () => {
  await releaseProverThreads();
  await store.close();
});

describe('merchant service', () => {
  it('refuses bad input with a stable code from the one table, and stores nothing', async () => {
    const tampered = structuredClone(bundle);
    if (tampered.proofs[0]) tampered.proofs[0].publicSignals[SIGNAL_INDEX.statementHash] = '65';
    const answers = `/requests/${signed.request.id}/answers`;
    const key = { ...json, 'idempotency-key': 'refused-1' };
    const cases = [
      {
        response: await post(answers, '{"version":', { 'content-type': 'text/plain' }),
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      { response: await post(answers, bundle, {}), code: 'UNSUPPORTED_MEDIA_TYPE' },
      { response: await post(answers, '{"version":', key), code: 'INVALID_INPUT' },
      { response: await post(answers, 'x'.repeat(70_000)), code: 'PAYLOAD_TOO_LARGE' },
      { response: await post(answers, { ...bundle, extra: 1 }, key), code: 'INVALID_INPUT' },
      { response: await post(answers, tampered, key), code: 'PROOF_MISMATCH' },
      { response: await post('/requests/nope/answers', bundle), code: 'NOT_FOUND' },
      { response: await post('/requests/n%20o/answers', bundle), code: 'INVALID_INPUT' },
      { response: await app.request('/nowhere'), code: 'NOT_FOUND' },
      {
        response: await post('/requests', { predicates: [{ attribute: 'shoeSize', op: 'eq', value: 9 }] }),
        code: 'INVALID_INPUT',
      },
      {
        response: await post('/requests', { predicates: [] }, { ...admin(), 'idempotency-key': 'bad\u0001key' }),
        code: 'INVALID_INPUT',
      },
      { response: await post('/revocations', { message: {} }), code: 'INVALID_INPUT' },
    ];
    for (const { response, code } of cases) {
      const body = (await response.clone().json()) as { error: { code: string; message: string } };
      expect(body.error.code, `${response.status} ${body.error.message}`).toBe(code);
      expect(response.status).toBe(ERROR_STATUS[code as DecdpErrorCode]);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    expect([413, 415, 400, 422, 404].every((status) => cases.some((c) => c.response.status === status))).toBe(true);
    expect(await store.list({ includeRevoked: true })).toHaveLength(0);
    // The refused answers left no idempotency entry: the key still works for a real answer later.
    expect(await store.describeSchema()).toHaveProperty('idempotency_keys');
  });

  it('records a verified answer once, and refuses a second answer from the same person', async () => {
    const answers = `/requests/${signed.request.id}/answers`;
    const first = await post(answers, bundle, { ...json, 'idempotency-key': 'refused-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(answers, bundle);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);

    const second = await proveAsHolder({ holder, signedRequest: signed, artifacts, recipient });
    const replay = await post(answers, second);
    expect(replay.status).toBe(409);
    expect(await codeOf(replay)).toBe('NULLIFIER_REUSED');

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
        'predicates',
        'proofHash',
        'pseudonym',
        'requestId',
        'revokedAt',
        'rewardTx',
      ].sort(),
    );
  });

  it('answers a retried POST with the same Idempotency-Key once, and refuses the key for another body', async () => {
    const body = {
      predicates: [{ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] }],
      purpose: { code: 'benelux', text: 'Ship to the Benelux' },
      retentionDays: 7,
    };
    const headers = { ...admin(), 'idempotency-key': 'create-benelux-1' };
    const first = await post('/requests', body, headers);
    const retry = await post('/requests', body, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = (await Promise.all([first.json(), retry.json()])) as SignedRequest[];
    expect(b?.request.id).toBe(a?.request.id);
    const other = await post('/requests', { ...body, retentionDays: 8 }, headers);
    expect(other.status).toBe(422);
    expect(await codeOf(other)).toBe('IDEMPOTENCY_KEY_REUSED');
    // Concurrent retries with one key create one request.
    const raced = await Promise.all(
      [1, 2, 3].map(() => post('/requests', body, { ...admin(), 'idempotency-key': 'create-benelux-2' })),
    );
    const ids = await Promise.all(raced.map(async (r) => ((await r.json()) as SignedRequest).request.id));
    expect(new Set(ids).size).toBe(1);
    // An answer replayed by key comes back from the record, not from a stored body.
    const answers = `/requests/${signed.request.id}/answers`;
    const replayed = await post(answers, bundle, { ...json, 'idempotency-key': 'refused-1' });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  });

  it('verifies in batches on worker threads with the same answers', async () => {
    const proofVerifier = await createVerifierThreads({ verificationKey: artifacts.verificationKey, threads: 1 });
    try {
      const batched = service({ proofVerifier, rateLimit: false });
      const answers = `/requests/${signed.request.id}/answers`;
      const tampered = structuredClone(bundle);
      const point = tampered.proofs[0]?.proof.pi_c;
      if (point) point[0] = (BigInt(point[0] ?? '0') + 1n).toString();
      const [honest, bad] = await Promise.all([
        post(answers, bundle, json, batched),
        post(answers, tampered, json, batched),
      ]);
      expect(honest.status).toBe(200); // recorded by the first test: a duplicate, verified again
      expect(bad.status).toBe(422);
      expect(await codeOf(bad)).toBe('PROOF_INVALID');
      expect(proofVerifier.stats().proofs).toBe(2);
    } finally {
      await proofVerifier.close();
    }
  });

  it('limits each client (429 with Retry-After), never /health or /metrics', async () => {
    const limited = service({ rateLimit: { max: 2, windowSeconds: 60 }, clientOf: () => 'one client' });
    const statuses = [];
    const one = `/requests/${signed.request.id}`;
    for (let index = 0; index < 4; index++) statuses.push((await limited.request(one)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const refused = await limited.request(one);
    expect(await codeOf(refused)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.request('/health')).status).toBe(200);
    const other = service({ rateLimit: { max: 2 }, clientOf: (c) => c.req.header('x-client') ?? '' });
    expect((await other.request(one, { headers: { 'x-client': 'b' } })).status).toBe(200);
  });

  it('serves /health and Prometheus /metrics', async () => {
    const health = await app.request('/health');
    expect(await health.json()).toEqual({ ok: true });
    const metrics = await app.request('/metrics', { headers: admin() });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toContain('# TYPE decdp_http_requests_total counter');
    expect(text).toMatch(
      /decdp_http_requests_total\{method="POST",route="\/requests\/:id\/answers",status="201"\} \d+/,
    );
    expect(text).toMatch(/decdp_errors_total\{code="PAYLOAD_TOO_LARGE"\} 1/);
    expect(text).toMatch(/decdp_answers_total\{outcome="recorded"\} 1/);
    expect(text).toContain('decdp_http_request_duration_seconds_bucket{route="/health",le="0.005"}');
  });

  it('logs one JSON line per request with its code, never a body', async () => {
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => entry.code === 'PROOF_MISMATCH' && entry.status === 422)).toBe(true);
    expect(entries.some((entry) => entry.route === '/requests/:id/answers' && entry.status === 201)).toBe(true);
    expect(entries.every((entry) => typeof entry.requestId === 'string' || entry.msg === 'reward relay failed')).toBe(
      true,
    );
    const pointA = bundle.proofs[0]?.proof.pi_a[0] ?? 'none';
    expect(logLines.join('\n')).not.toContain(pointA);
    expect(logLines.join('\n')).not.toContain(bundle.pseudonym);
  });

  it('deletes the record when the person revokes, and signs a deletion confirmation', async () => {
    const [record] = (await store.list()) as LightRecord[];
    if (!record) throw new Error('no record');
    const receipt = {
      requestId: signed.request.id,
      proofHash: record.proofHash,
      pseudonym: record.pseudonym,
      recordId: record.id,
    } as ConsentReceipt;
    const revocation = await buildRevocation({
      receipt,
      signedRequest: signed,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      artifacts,
    });
    // Someone else (another secret) cannot revoke this person's consent. The wallet will not even
    // build it; a stranger who proves for their own pseudonym and names this person's is refused.
    const stranger = await makeHolder({ holderSecret: 987654321n });
    const asStranger = {
      receipt,
      signedRequest: signed,
      credentials: stranger.credentials,
      holderSecret: stranger.holderSecret,
      artifacts,
    };
    await expect(buildRevocation(asStranger)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'receipt.pseudonym',
    });
    const strangerPseudonym = await pseudonymOf({
      holderSecret: stranger.holderSecret,
      merchantScope: BigInt(signed.request.scope),
    });
    const forged = await buildRevocation({
      ...asStranger,
      receipt: { ...receipt, pseudonym: strangerPseudonym.toString() },
    });
    forged.message.pseudonym = record.pseudonym;
    const refused = await post('/revocations', forged);
    expect(refused.status).toBe(422);
    expect(await codeOf(refused)).toBe('REVOCATION_INVALID');
    const edited = structuredClone(revocation);
    edited.message.proofHash = `0x${'00'.repeat(32)}`;
    expect(await codeOf(await post('/revocations', edited))).toBe('REVOCATION_INVALID');
    expect(await store.getRecord(record.id)).toEqual(record);

    const done = await post('/revocations', revocation);
    expect(done.status).toBe(200);
    const confirmation = verifyDeletionConfirmation({
      confirmation: await done.json(),
      merchant: signed.request.merchant.address,
      revocation: revocation.message,
    });
    expect(confirmation.confirmation.deletedRecords).toBe(1);
    expect(await store.getRecord(record.id)).toBeUndefined();
    const again = (await (await post('/revocations', revocation)).json()) as typeof confirmation;
    expect(again.confirmation.deletedRecords).toBe(0);
    // The nullifier stays spent: the same person cannot answer the same request again.
    expect((await post(`/requests/${signed.request.id}/answers`, bundle)).status).toBe(409);
  });
});

describe('POST /claims (fake chain; test/integration/merchantClaims.test.ts runs it on anvil)', () => {
  const campaign = {
    chainId: 31337,
    pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    campaignId: '7',
    scope: '123456789',
    token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    amount: '5000000000000000000',
  };
  const predicate = { attribute: 'age', op: 'gte' as const, value: 18 };
  type Chain = { statements: Set<bigint>; spent: Set<bigint>; now: number; relayed: number; fail?: ChainError };
  let chain: Chain;
  let claims: ReturnType<typeof createMerchantService>;
  let claim: CampaignClaim;

  function fakeRelay(state: Chain): ClaimRelay {
    return {
      pool: campaign.pool,
      isCampaignStatement: async ({ campaignId, statementHash }) =>
        campaignId === 7n && state.statements.has(statementHash),
      isNullifierUsed: async (nullifier) => state.spent.has(nullifier),
      proofWindow: async () => ({ now: state.now, maxAge: 3600, maxDrift: 300 }),
      relay: async ({ publicSignals }): Promise<RelayedClaim> => {
        if (state.fail) throw state.fail;
        state.relayed += 1;
        state.spent.add(BigInt(publicSignals[SIGNAL_INDEX.nullifier] ?? 0));
        return {
          txHash: `0x${'ab'.repeat(32)}`,
          blockNumber: 42,
          recipient: recipient.toLowerCase(),
          amount: 5n * 10n ** 18n,
        };
      },
    };
  }
  const claimsService = (overrides: Partial<MerchantServiceOptions> = {}) =>
    service({
      rateLimit: false,
      rewards: { campaign, predicate, relayClaim: async () => '0x' },
      claims: fakeRelay(chain),
      ...overrides,
    });

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    chain = { statements: new Set(), spent: new Set(), now, relayed: 0 };
    claims = claimsService();
    const created = await post(
      '/requests',
      { predicates: [predicate], purpose: { code: 'r', text: 'Reward adults' }, retentionDays: 1, reward: true },
      admin(),
      claims,
    );
    expect(created.status).toBe(201);
    const rewarded = (await created.json()) as SignedRequest;
    claim = await proveCampaignClaim({
      signedRequest: rewarded,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient,
      artifacts,
      isCampaignStatement: async (statementHash) => {
        chain.statements.add(statementHash);
        return true;
      },
      now,
    });
    chain.now = now + 50 * 60; // 50 minutes later: past any answer window, inside the pool's hour
  });

  it('refuses before spending gas: schema, other campaign, bad proof, other statement, stale, spent', async () => {
    const tampered = structuredClone(claim);
    tampered.proof.pi_c[0] = (BigInt(tampered.proof.pi_c[0] ?? '0') + 1n).toString();
    const foreign = structuredClone(claim);
    foreign.publicSignals[SIGNAL_INDEX.statementHash] = '65';
    const cases: { body: unknown; code: string; setup?: () => void }[] = [
      { body: { ...claim, extra: 1 }, code: 'INVALID_INPUT' },
      { body: { ...claim, publicSignals: claim.publicSignals.slice(1) }, code: 'INVALID_INPUT' },
      { body: { ...claim, campaignId: '8' }, code: 'NOT_FOUND' },
      { body: tampered, code: 'PROOF_INVALID' },
      { body: foreign, code: 'PROOF_INVALID' }, // the statement is a public signal: the proof breaks
      { body: claim, code: 'PROOF_MISMATCH', setup: () => chain.statements.clear() },
      { body: claim, code: 'PROOF_MISMATCH', setup: () => (chain.now += 3600) },
      { body: claim, code: 'NULLIFIER_REUSED', setup: () => chain.spent.add(BigInt(claim.publicSignals[1] ?? 0)) },
    ];
    const statements = new Set(chain.statements);
    const now = chain.now;
    for (const { body, code, setup } of cases) {
      chain.statements = new Set(statements);
      chain.now = now;
      chain.spent.clear();
      setup?.();
      const response = await post('/claims', body, json, claims);
      const error = ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;
      expect(error.code, `${error.message} (${error.field})`).toBe(code);
      expect(response.status).toBe(ERROR_STATUS[code as DecdpErrorCode]);
    }
    chain.statements = statements;
    chain.now = now;
    chain.spent.clear();
    expect(chain.relayed).toBe(0);
  });

  it('relays a fresh claim once and answers its transaction; a retry with the key replays it', async () => {
    const headers = { ...json, 'idempotency-key': 'claim-1' };
    const first = await post('/claims', claim, headers, claims);
    expect(first.status).toBe(201);
    const paid = {
      txHash: `0x${'ab'.repeat(32)}`,
      blockNumber: 42,
      recipient: recipient.toLowerCase(),
      amount: campaign.amount,
    };
    expect(await first.json()).toEqual(paid);
    const retry = await post('/claims', claim, headers, claims);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(paid);
    const again = await post('/claims', claim, json, claims);
    expect(again.status).toBe(409);
    expect(await codeOf(again)).toBe('NULLIFIER_REUSED');
    expect(chain.relayed).toBe(1);
  });

  it('keeps claim keys in the store: a retry after a restart replays the answer and relays nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decdp-claims-'));
    const path = join(dir, 'merchant.sqlite');
    try {
      chain.spent.clear();
      const relayedBefore = chain.relayed;
      const headers = { ...json, 'idempotency-key': 'claim-restart' };
      const first = openSqliteStore({ path });
      const paid = await post('/claims', claim, headers, claimsService({ store: first }));
      expect(paid.status).toBe(201);
      const answer = await paid.json();
      await first.close();

      const reopened = openSqliteStore({ path });
      try {
        const restarted = claimsService({ store: reopened });
        const retry = await post('/claims', claim, headers, restarted);
        expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
        expect(await retry.json()).toEqual(answer);
        const reused = await post('/claims', { ...claim, campaignId: '8' }, headers, restarted);
        expect(await codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
        expect(await codeOf(await post('/claims', claim, json, restarted))).toBe('NULLIFIER_REUSED');
      } finally {
        await reopened.close();
      }
      expect(chain.relayed).toBe(relayedBefore + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps chain refusals through the one table', async () => {
    chain.spent.clear();
    for (const [code, status] of [
      ['BUDGET_EXHAUSTED', 409],
      ['CAMPAIGN_PAUSED', 409],
      ['CHAIN_ERROR', 502],
    ] as const) {
      chain.fail = new ChainError('Claiming the reward was refused by the contract.', { code });
      const response = await post('/claims', claim, json, claims);
      expect([response.status, await codeOf(response)]).toEqual([status, code]);
    }
    chain.fail = undefined;
  });

  it('is 404 without a relay, and limits claims per client', async () => {
    const none = await post('/claims', claim, json, service({ rateLimit: false }));
    expect([none.status, await codeOf(none)]).toEqual([404, 'NOT_FOUND']);
    const limited = claimsService({ claimRateLimit: { max: 1 }, clientOf: () => 'one' });
    await post('/claims', { campaignId: '1' }, json, limited);
    const refused = await post('/claims', { campaignId: '1' }, json, limited);
    expect([refused.status, await codeOf(refused)]).toEqual([429, 'RATE_LIMITED']);
  });
});

describe("admin routes are the merchant operator's; public routes stay public", () => {
  const newRequest = {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    retentionDays: 30,
  };
  const bearer = (token: string) => ({ ...json, authorization: `Bearer ${token}` });

  it('refuses admin routes without a valid token (401) or without the scope (403), changing nothing', async () => {
    const requestsBefore = (await store.listOpenRequests({ now: 0 })).length;
    const recordsBefore = (await store.list({ includeRevoked: true })).length;
    const otherStore = openSqliteStore({ path: ':memory:' });
    const { token: foreign } = await createOperatorToken({ store: otherStore, name: 'another shop' });
    await otherStore.close();
    const { token: readOnly } = await createOperatorToken({ store, name: 'reader', scopes: ['records:read'] });
    const { token: revoked, info } = await createOperatorToken({ store, name: 'gone' });
    await store.revokeOperatorToken({ id: info.id, at: 1 });
    const { token: expired } = await createOperatorToken({ store, name: 'old', ttlSeconds: 1, now: 1 });
    const cases: [Response, number, string][] = [
      [await post('/requests', newRequest, json), 401, 'UNAUTHORIZED'],
      [await post('/requests', newRequest, bearer('dcdp_nonsense')), 401, 'UNAUTHORIZED'],
      [await post('/requests', newRequest, bearer(foreign)), 401, 'UNAUTHORIZED'],
      [await post('/requests', newRequest, bearer(revoked)), 401, 'UNAUTHORIZED'],
      [await post('/requests', newRequest, bearer(expired)), 401, 'UNAUTHORIZED'],
      [await post('/requests', newRequest, bearer(readOnly)), 403, 'FORBIDDEN'],
      [await post(`/requests/${signed.request.id}/deliveries`, {}, json), 401, 'UNAUTHORIZED'],
      [await app.request('/records'), 401, 'UNAUTHORIZED'],
      [await app.request('/metrics'), 401, 'UNAUTHORIZED'],
      [await app.request('/metrics', { headers: bearer(readOnly) }), 403, 'FORBIDDEN'],
    ];
    for (const [response, status, code] of cases) {
      expect([response.status, await codeOf(response)]).toEqual([status, code]);
    }
    expect((await store.listOpenRequests({ now: 0 })).length).toBe(requestsBefore);
    expect((await store.list({ includeRevoked: true })).length).toBe(recordsBefore);
    expect((await app.request('/records', { headers: bearer(readOnly) })).status).toBe(200);
  });

  it('answers a request by id, /config and /health without a token; lists requests to anyone only when opted in', async () => {
    expect((await app.request(`/requests/${signed.request.id}`)).status).toBe(200);
    expect((await app.request('/config')).status).toBe(200);
    expect((await app.request('/health')).status).toBe(200);
    const closed = await app.request('/requests');
    expect([closed.status, await codeOf(closed)]).toEqual([401, 'UNAUTHORIZED']);
    const own = await app.request('/requests', { headers: admin() });
    expect(((await own.json()) as SignedRequest[]).map((item) => item.request.id)).toContain(signed.request.id);
    const listed = await service({ rateLimit: false, publicRequestList: true }).request('/requests');
    expect(((await listed.json()) as SignedRequest[]).map((item) => item.request.id)).toContain(signed.request.id);
  });

  it('takes a connected inbox from anyone (POST /inboxes) and names its Solid WebID in /config', async () => {
    const inbox = 'http://localhost:3000/anna/decdp/inboxes/0123456789abcdef0123456789abcdef/';
    const connected = await post('/inboxes', { inbox });
    expect([connected.status, await connected.json()]).toEqual([201, { inbox }]);
    expect(await store.listInboxes()).toContain(inbox);
    expect(await codeOf(await post('/inboxes', { inbox: 'ftp://x/' }))).toBe('INVALID_INPUT');
    const webId = 'http://localhost:3000/bikeshop/profile/card#me';
    const withSolid = service({ rateLimit: false, solid: { webId, fetch: globalThis.fetch } });
    const config = (await (await withSolid.request('/config')).json()) as { merchant: { webId?: string } };
    expect(config.merchant.webId).toBe(webId);
    expect(((await (await app.request('/config')).json()) as { merchant: object }).merchant).not.toHaveProperty(
      'webId',
    );
  });

  it('refuses an answer once the request has expired (410 REQUEST_EXPIRED), though proven in time: no record', async () => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const created = await post('/requests', { ...newRequest, ttlSeconds: 60 });
    const shortLived = (await created.json()) as SignedRequest;
    const person = await makeHolder({ holderSecret: 4242n });
    const answer = await proveAsHolder({
      holder: person,
      signedRequest: shortLived,
      artifacts,
      recipient,
      now: issuedAt + 30,
    });
    const before = (await store.list({ includeRevoked: true })).length;
    // The clock moves past expiresAt, well inside the proof's 10-minute window.
    const later = service({ rateLimit: false, now: () => shortLived.request.expiresAt + 1 });
    const refused = await post(`/requests/${shortLived.request.id}/answers`, answer, json, later);
    expect([refused.status, await codeOf(refused)]).toEqual([410, 'REQUEST_EXPIRED']);
    expect((await store.list({ includeRevoked: true })).length).toBe(before);
    // The same answer just before expiry is recorded: the refusal was the clock, not the proof.
    const inTime = service({ rateLimit: false, now: () => shortLived.request.expiresAt - 1 });
    expect((await post(`/requests/${shortLived.request.id}/answers`, answer, json, inTime)).status).toBe(201);
  });
});
