// The issuer service over real HTTP with the loyalty adapter on a real SQLite store: a whole
// issuance, and every way to get a credential issued to someone else's commitment refused with
// nothing issued and the log unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecdpError, type DecdpErrorCode } from '@decdp/sdk/errors';
import { createIssuerKey, signCredential } from '@decdp/sdk/issuer';
import {
  createFileIssuanceLog,
  createIssuerService,
  createLoyaltyAdapter,
  type IssuanceLog,
  type LoyaltyStore,
  openLoyaltyStore,
  serveHttp,
} from '@decdp/sdk/issuer/node';
import { POSSESSION_ATTRIBUTE, possessionChallengeValue, possessionPredicate, pseudonymOf } from '@decdp/sdk/protocol';
import {
  acceptIssuance,
  authenticateAtSource,
  checkCredential,
  createHolderSecret,
  fetchIssuer,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  provePredicate,
  startIssuance,
  subjectCommitment,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'decdp-issuer-'));
const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';
let artifacts: CredentialArtifacts;
let store: LoyaltyStore;
let log: IssuanceLog;
let server: Awaited<ReturnType<typeof serveHttp>>;
const alice = { email: 'alice@example.org', password: 'alice-password-1' };

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  store = openLoyaltyStore({ path: join(dir, 'loyalty.sqlite') });
  await store.addAccount({ ...alice, tier: 3, tierName: 'Gold', spendCents: 123_456, memberSince: '2019-05-02' });
  log = createFileIssuanceLog(join(dir, 'issuance.jsonl'));
  let app: ReturnType<typeof createIssuerService> | undefined;
  server = await serveHttp({
    app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
  });
  app = createIssuerService({
    name: 'Bike Shop issuer',
    publicUrl: server.url,
    sources: [
      {
        adapter: createLoyaltyAdapter({ merchantName: 'Demo Bike Shop', store }),
        issuer: { ...(await createIssuerKey()), name: 'Demo Bike Shop' },
      },
    ],
    verificationKey: artifacts.verificationKey,
    log,
    operatorToken: OPERATOR_TOKEN,
    allowedOrigins: [],
  });
});
afterAll(async () => {
  await server?.close();
  store?.close();
  await releaseProverThreads();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DecdpError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a DecdpError');
}

async function signedIn(holderSecret: bigint): Promise<IssuanceSession> {
  const session = await startIssuance({ issuerUrl: server.url, source: 'loyalty', holderSecret });
  await authenticateAtSource({ session, body: alice });
  return session;
}

describe('issuer service', () => {
  it('issues bands for the holder who proved possession, and logs no value', async () => {
    const holderSecret = createHolderSecret();
    const descriptor = await fetchIssuer({ issuerUrl: server.url });
    expect(descriptor.sources.map((source) => source.id)).toEqual(['loyalty']);
    const session = await startIssuance({ issuerUrl: server.url, source: 'loyalty', holderSecret });
    expect(session.authentication.kind).toBe('form');
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    expect(await codeOf(authenticateAtSource({ session, body: { ...alice, password: 'wrong' } }))).toEqual({
      code: 'SOURCE_AUTH_FAILED',
      field: 'body.password',
    });
    await authenticateAtSource({ session, body: alice });
    const preview = await previewIssuance({ session });
    expect(preview.attributes.map(({ attribute, value }) => [attribute, value])).toEqual([
      ['loyaltyTier', 3],
      ['spendBand', 1000],
      ['memberSince', '2019-01-01'],
    ]);
    const issued = await acceptIssuance({ session, preview });
    expect(issued.credentials).toHaveLength(3);
    expect(issued.provenance).toMatchObject({ issuerName: 'Demo Bike Shop', source: 'loyalty', selfAsserted: false });
    const commitment = await subjectCommitment(holderSecret);
    for (const credential of issued.credentials) {
      expect(credential.credentialSubject.commitment).toBe(commitment.toString());
    }
    // The session is spent.
    expect((await codeOf(acceptIssuance({ session, preview }))).code).toBe('SESSION_EXPIRED');
    // The log: ids, attributes, commitment, times — no value.
    const response = await fetch(`${server.url}log`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    const { entries } = (await response.json()) as { entries: Record<string, unknown>[] };
    expect(entries.filter((entry) => entry.subjectCommitment === commitment.toString())).toHaveLength(3);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('"value"');
    expect(text).not.toContain('Gold');
  });

  it('limits new sessions per client', async () => {
    const app = createIssuerService({
      name: 'limited',
      publicUrl: 'http://localhost:1/',
      sources: [],
      verificationKey: artifacts.verificationKey,
      log,
      operatorToken: OPERATOR_TOKEN,
      allowedOrigins: [],
      sessionRateLimit: { max: 2 },
      clientOf: () => 'one client',
    });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await app.request('/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ source: 'loyalty', possessionId: 'a'.repeat(24) }),
      });
      statuses.push(response.status);
    }
    // No such source here (404) twice, then the limit (429) before any parsing.
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('refuses the operator log without the operator token', async () => {
    for (const header of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}log`, { headers: header });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('never issues to a commitment whose holder did not prove possession in that session', async () => {
    const victimSecret = createHolderSecret();
    const victimCommitment = await subjectCommitment(victimSecret);
    const attackerSecret = createHolderSecret();
    const before = await log.list();

    // 1. The attacker knows only the victim's commitment: a session for it, no possession proof.
    const attack = await startIssuance({ issuerUrl: server.url, source: 'loyalty', holderSecret: attackerSecret });
    const forVictim: IssuanceSession = {
      ...(await startIssuance({ issuerUrl: server.url, source: 'loyalty', holderSecret: victimSecret })),
    };
    await authenticateAtSource({ session: forVictim, body: alice });
    const preview = await previewIssuance({ session: forVictim });
    expect(await codeOf(acceptIssuance({ session: forVictim, preview }))).toMatchObject({
      code: 'POSSESSION_NOT_PROVEN',
    });

    // 2. A valid possession proof from the attacker's own session, replayed into the victim's.
    const ownProof = await proveFor({ session: attack, holderSecret: attackerSecret });
    expect(await codeOf(postPossession(forVictim, ownProof))).toMatchObject({ code: 'POSSESSION_NOT_PROVEN' });

    // 3. The victim's challenge in hand, but not the victim's secret: the circuit cannot be satisfied.
    await expect(
      provePossession({
        possession: { ...forVictim.possession, holderCommitment: victimCommitment },
        holderSecret: attackerSecret,
        artifacts,
      }),
    ).rejects.toThrow();

    // 4. A home-made challenge: the attacker signs value(victim commitment, nonce) for their own
    //    commitment with their own key, and proves it. The statement names the wrong key.
    const attackerKey = { ...(await createIssuerKey()), name: 'attacker' };
    const sessionNonce = BigInt(forVictim.possession.context.requestHash);
    const value = await possessionChallengeValue({ subjectCommitment: victimCommitment, sessionNonce });
    const forged = await signCredential({
      issuer: attackerKey,
      subjectCommitment: await subjectCommitment(attackerSecret),
      attribute: POSSESSION_ATTRIBUTE,
      encodedValue: value,
      value: value.toString(),
      issuedAt: Math.floor(Date.now() / 1000) - 60,
      expiresAt: forVictim.expiresAt,
      selfDeclared: false,
    });
    const merchantScope = BigInt(forVictim.possession.context.merchantScope);
    const forgedProof = await provePredicate({
      credential: forged,
      holderSecret: attackerSecret,
      predicate: await possessionPredicate(value),
      context: {
        now: Math.floor(Date.now() / 1000),
        merchantScope,
        nullifierScope: sessionNonce,
        recipient: 0n,
        requestHash: sessionNonce,
      },
      artifacts,
      field: 'possession',
    });
    expect(
      await codeOf(
        postPossession(forVictim, {
          pseudonym: (await pseudonymOf({ holderSecret: attackerSecret, merchantScope })).toString(),
          proof: forgedProof.proof,
          publicSignals: forgedProof.publicSignals,
        }),
      ),
    ).toEqual({ code: 'POSSESSION_NOT_PROVEN', field: 'possession.publicSignals.statementHash' });

    // 5. A possession challenge serves one session: the attacker cannot start a second session on
    //    the victim's (their own proven one included).
    await provePossession({ possession: attack.possession, holderSecret: attackerSecret, artifacts });
    for (const possession of [forVictim.possession, attack.possession]) {
      expect(
        await codeOf(
          startIssuance({ issuerUrl: server.url, source: 'loyalty', holderSecret: attackerSecret, possession }),
        ),
      ).toEqual({ code: 'POSSESSION_NOT_PROVEN', field: 'body.possessionId' });
    }

    // Still refused, nothing issued, the log unchanged.
    expect((await codeOf(acceptIssuance({ session: forVictim, preview }))).code).toBe('POSSESSION_NOT_PROVEN');
    expect(await log.list()).toEqual(before);
  });

  it('refuses a proof whose signals were altered after proving', async () => {
    const holderSecret = createHolderSecret();
    const session = await signedIn(holderSecret);
    const body = await proveFor({ session, holderSecret });
    const tampered = { ...body, publicSignals: [...body.publicSignals] };
    tampered.publicSignals[1] = (BigInt(tampered.publicSignals[1] as string) + 1n).toString();
    expect(await codeOf(postPossession(session, tampered))).toEqual({
      code: 'POSSESSION_NOT_PROVEN',
      field: 'possession.proof',
    });
  });

  it('refuses an altered credential file and an issuer URL that answers garbage or nothing', async () => {
    const holderSecret = createHolderSecret();
    const session = await signedIn(holderSecret);
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    const issued = await acceptIssuance({ session, preview: await previewIssuance({ session }) });
    const credential = issued.credentials[0] as (typeof issued.credentials)[number];
    const altered = structuredClone(credential);
    altered.credentialSubject.value = 5;
    altered.decdp.encodedValue = '5';
    expect(await codeOf(checkCredential({ input: altered }))).toEqual({
      code: 'SIGNATURE_INVALID',
      field: 'credential.proof.signature',
    });
    const shown = structuredClone(credential);
    shown.credentialSubject.value = 4;
    expect((await codeOf(checkCredential({ input: shown }))).field).toBe('credential.credentialSubject.value');
    expect((await codeOf(checkCredential({ input: credential, subjectCommitment: 1n }))).field).toBe(
      'credential.credentialSubject.commitment',
    );

    const garbage = await serveHttp({
      app: { fetch: async () => new Response('<html>hello</html>', { headers: { 'content-type': 'text/html' } }) },
    });
    const wrongShape = await serveHttp({ app: { fetch: async () => Response.json({ name: 42 }) } });
    try {
      expect(await codeOf(fetchIssuer({ issuerUrl: garbage.url }))).toEqual({
        code: 'ISSUER_UNAVAILABLE',
        field: 'issuerUrl',
      });
      expect((await codeOf(fetchIssuer({ issuerUrl: wrongShape.url }))).code).toBe('ISSUER_UNAVAILABLE');
    } finally {
      await garbage.close();
      await wrongShape.close();
    }
    expect((await codeOf(fetchIssuer({ issuerUrl: garbage.url }))).code).toBe('ISSUER_UNAVAILABLE'); // closed: nothing answers
    expect((await codeOf(fetchIssuer({ issuerUrl: 'not a url' }))).code).toBe('ISSUER_UNAVAILABLE');
  });
});

type PossessionBody = { pseudonym: string; proof: unknown; publicSignals: string[] };

async function proveFor(params: { session: IssuanceSession; holderSecret: bigint }): Promise<PossessionBody> {
  const { session, holderSecret } = params;
  const sessionNonce = BigInt(session.possession.context.requestHash);
  const merchantScope = BigInt(session.possession.context.merchantScope);
  const proved = await provePredicate({
    credential: session.possession.challenge,
    holderSecret,
    predicate: await possessionPredicate(
      await possessionChallengeValue({ subjectCommitment: session.holderCommitment, sessionNonce }),
    ),
    context: {
      now: Math.floor(Date.now() / 1000),
      merchantScope,
      nullifierScope: sessionNonce,
      recipient: 0n,
      requestHash: sessionNonce,
    },
    artifacts,
    field: 'possession',
  });
  return {
    pseudonym: (await pseudonymOf({ holderSecret, merchantScope })).toString(),
    proof: proved.proof,
    publicSignals: proved.publicSignals,
  };
}

async function postPossession(session: IssuanceSession, body: PossessionBody): Promise<void> {
  const response = await fetch(`${session.issuerUrl}possessions/${session.possession.possessionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const { error } = (await response.json()) as { error: { code: string; message: string; field?: string } };
    throw new DecdpError(error.code as DecdpErrorCode, error.message, error.field ? { field: error.field } : {});
  }
}
