// The issuer's HTTP service (docs/issuer.md): one session per issuance — the holder proves
// possession of the secret behind the subject commitment, signs in at the source (an adapter),
// sees a preview of the bands, accepts, and gets the signed credentials. Same conventions as the
// merchant service: zod at the edge, typed errors mapped in one table, body limit, loopback.
// Possession challenges and sessions are kept in an IssuerSessionStore (node:sqlite: a file
// survives a restart); nothing is kept after a session but the issuance log (no values).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { hexlify } from 'ethers';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import {
  InvalidInputError,
  NotFoundError,
  PossessionNotProvenError,
  SessionExpiredError,
  SourceAuthenticationError,
  UnauthorizedError,
} from '../../errors/index.ts';
import { answerErrorsAsJson, readJsonBody } from '../../http/jsonEdge.ts';
import { limitBodySize } from '../../http/limitBodySize.ts';
import { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
import { createIssuerKey, type IssuerKey } from '../../proof/createIssuerKey.ts';
import { issueCredential } from '../../proof/issueCredential.ts';
import type { AttributeCredential } from '../../protocol/credential.ts';
import {
  type IssuancePreview,
  type IssuedCredentials,
  type IssuerDescriptor,
  type PossessionChallenge,
  possessionBodySchema,
  requestPossessionBodySchema,
  type SessionStarted,
  startSessionBodySchema,
} from '../../protocol/issuance.ts';
import { parseWith } from '../../protocol/parse.ts';
import { FIELD_MODULUS } from '../../zk/field.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import { type PreparedVerifier, prepareVerifier } from '../../zk/prepareVerifier.ts';
import type { AnyIssuerAdapter, SourceSession } from '../adapters/adapter.ts';
import { createPossessionChallenge, possessionContextOf, verifyPossession } from '../possession.ts';
import type { IssuanceLog, IssuanceLogEntry } from './issuanceLog.ts';
import { type IssuerSessionStore, openIssuerSessionStore, type StoredSession } from './issuerSessionStore.ts';
import { openRenewalGrant, sealRenewalGrant } from './renewalGrant.ts';

export type IssuerSourceConfig = {
  adapter: AnyIssuerAdapter;
  /** The key that signs this source's credentials (registered in IssuerRegistry unless self-asserted). */
  issuer: IssuerKey & { name: string };
};

export type IssuerServiceOptions = {
  name: string;
  /** The service's own public base URL ending in '/' (callbacks from sources come back here). */
  publicUrl: string;
  sources: readonly IssuerSourceConfig[];
  verificationKey: VerificationKey;
  log: IssuanceLog;
  /** Bearer token for the operator routes (GET /log). */
  operatorToken: string;
  /** Wallet pages allowed to call the service from a browser. */
  allowedOrigins: readonly string[];
  /**
   * Possession challenges, sessions and the service's own secrets; default one process's memory.
   * A file store (`openIssuerSessionStore({ path })`) lets flows survive a restart. The caller closes it.
   */
  sessions?: IssuerSessionStore;
  /** Signs the possession challenges only; default a key kept in the session store. */
  challengeKey?: IssuerKey;
  /** Default 10 minutes. */
  sessionSeconds?: number;
  /** Per-client limit of POST /sessions and of POST /possessions (each may open a bank consent, sign a challenge); default 30 a minute each; `false` turns it off. */
  sessionRateLimit?: RateLimitOptions | false;
  /** Who the client is, for the rate limit; default the TCP peer address. */
  clientOf?: (c: Context) => string;
  /** Default 16 KiB (a possession proof is ~1 KiB). */
  maxBodyBytes?: number;
  logger?: Logger;
  now?: () => number;
};

const idParam = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a session id');
const alphanumeric = (bytes: number) =>
  randomBytes(bytes)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 32);

/** @since 0.2.0 */
export function createIssuerService(options: IssuerServiceOptions): Hono {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const log = options.logger ?? pino({ level: 'silent' });
  const sessionSeconds = options.sessionSeconds ?? 600;
  const sources = new Map(options.sources.map((source) => [source.adapter.id, source]));
  const store = options.sessions ?? openIssuerSessionStore({ path: ':memory:' });
  const challengeKey = (async () => ({
    ...(options.challengeKey ?? (await createIssuerKey({ privateKey: store.secret('challengeKey') }))),
    name: `${options.name} (possession challenge)`,
  }))();
  const grantKey = store.secret('renewalGrantKey');
  let verifier: Promise<PreparedVerifier> | undefined;
  const tokenDigest = createHash('sha256').update(options.operatorToken).digest();
  const limiterOf = () =>
    options.sessionRateLimit === false ? undefined : createRateLimiter(options.sessionRateLimit ?? { max: 30 });
  const sessionLimiter = limiterOf();
  const possessionLimiter = limiterOf();
  const clientOf =
    options.clientOf ??
    ((c: Context) => {
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    });

  const app = new Hono();
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const code = c.get('errorCode' as never) as string | undefined;
    const entry = {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (c.res.status >= 500) log.error({ ...entry, code }, 'request failed');
    else if (code) log.warn({ ...entry, code }, 'request refused');
    else log.info(entry, 'request');
  });
  app.use('*', cors({ origin: [...options.allowedOrigins], allowMethods: ['GET', 'POST'] }));
  app.use('*', limitBodySize(options.maxBodyBytes ?? 16 * 1024));
  answerErrorsAsJson(app, { log, notFoundHint: 'See docs/issuer.md.' });

  const ended = (what: string) =>
    new SessionExpiredError(`This ${what} has ended (used or timed out).`, { field: 'id', hint: 'Start again.' });

  function sessionOf(c: Context): StoredSession & { source: IssuerSourceConfig } {
    const id = parseWith(idParam, c.req.param('id'), 'id');
    const found = store.session(id, now());
    if (!found) throw new NotFoundError(`No issuance session ${id}.`, { field: 'id' });
    if ('ended' in found) throw ended('issuance session');
    const source = sources.get(found.found.sourceId);
    if (!source) throw ended('issuance session');
    return { ...found.found, source };
  }

  function requireOperator(c: Context): void {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    const given = createHash('sha256')
      .update(match?.[1] ?? '')
      .digest();
    if (!match || !timingSafeEqual(given, tokenDigest)) {
      throw new UnauthorizedError('This route is for the issuer’s operator.', {
        field: 'header.Authorization',
        hint: 'Send Authorization: Bearer <operator token>.',
      });
    }
  }

  async function signPreview(session: StoredSession & { source: IssuerSourceConfig }, preview: IssuancePreview) {
    const credentials: AttributeCredential[] = [];
    for (const entry of preview.attributes) {
      credentials.push(
        await issueCredential({
          issuer: session.source.issuer,
          subjectCommitment: session.subjectCommitment,
          attribute: entry.attribute,
          value: entry.value,
          issuedAt: preview.issuedAt,
          expiresAt: preview.expiresAt,
          selfDeclared: session.source.adapter.selfAsserted,
        }),
      );
    }
    return credentials;
  }

  async function previewOf(session: StoredSession & { source: IssuerSourceConfig }): Promise<IssuancePreview> {
    if (session.preview) return session.preview;
    if (!session.login) {
      throw new SourceAuthenticationError(`You have not signed in at ${session.source.adapter.name} yet.`, {
        field: 'session',
        hint: 'Finish the sign-in step first.',
      });
    }
    const { adapter, issuer } = session.source;
    const at = now();
    const source = await adapter.read(session.login.value);
    const attributes = adapter.derive(source, at).filter((entry) => adapter.attributes.includes(entry.attribute));
    session.preview = {
      issuer: { name: issuer.name, keyHash: issuer.keyHash.toString() },
      source: { id: adapter.id, name: adapter.name, selfAsserted: adapter.selfAsserted },
      attributes,
      issuedAt: at,
      expiresAt: at + adapter.validForSeconds,
    };
    // Kept, so the source is read once and accept signs exactly this.
    store.updateSession(session);
    return session.preview;
  }

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/issuer', (c) => {
    const descriptor: IssuerDescriptor = {
      name: options.name,
      url: options.publicUrl,
      sources: options.sources.map(({ adapter, issuer }) => ({
        id: adapter.id,
        name: adapter.name,
        description: adapter.description,
        selfAsserted: adapter.selfAsserted,
        attributes: [...adapter.attributes],
        issuer: { name: issuer.name, keyHash: issuer.keyHash.toString() },
        validForSeconds: adapter.validForSeconds,
      })),
    };
    return c.json(descriptor);
  });

  app.post('/possessions', async (c) => {
    possessionLimiter?.take(clientOf(c));
    const body = parseWith(requestPossessionBodySchema, await readJsonBody(c), 'body');
    const subjectCommitment = BigInt(body.subjectCommitment);
    if (subjectCommitment === 0n || subjectCommitment >= FIELD_MODULUS) {
      throw new InvalidInputError('body.subjectCommitment is not a field element.', {
        field: 'body.subjectCommitment',
      });
    }
    const at = now();
    const id = randomBytes(18).toString('base64url');
    const nonce = BigInt(hexlify(randomBytes(31)));
    const expiresAt = at + sessionSeconds;
    const key = await challengeKey;
    const challenge = await createPossessionChallenge({
      challengeKey: key,
      subjectCommitment,
      sessionNonce: nonce,
      now: at,
      expiresAt,
    });
    const context = possessionContextOf({ challengeKey: key, sessionNonce: nonce });
    store.addPossession({ id, subjectCommitment, nonce, expiresAt });
    const started: PossessionChallenge = {
      possessionId: id,
      expiresAt,
      challenge,
      context: {
        merchantScope: context.merchantScope.toString(),
        nullifierScope: context.nullifierScope.toString(),
        requestHash: context.requestHash.toString(),
        recipient: '0',
      },
    };
    return c.json(started, 201);
  });

  app.post('/possessions/:id', async (c) => {
    const id = parseWith(idParam, c.req.param('id'), 'id');
    const found = store.possession(id, now());
    if (!found) throw new NotFoundError(`No possession challenge ${id}.`, { field: 'id' });
    if ('ended' in found) throw ended('possession challenge');
    const body = parseWith(possessionBodySchema, await readJsonBody(c), 'body');
    verifier ??= prepareVerifier(options.verificationKey);
    await verifyPossession({
      body,
      challengeKey: await challengeKey,
      subjectCommitment: found.found.subjectCommitment,
      sessionNonce: found.found.nonce,
      verifier: await verifier,
      now: now(),
      expiresAt: found.found.expiresAt,
    });
    store.markProven(id);
    return c.json({ possession: 'proven' });
  });

  app.post('/sessions', async (c) => {
    sessionLimiter?.take(clientOf(c));
    const body = parseWith(startSessionBodySchema, await readJsonBody(c), 'body');
    const source = sources.get(body.source);
    if (!source) throw new NotFoundError(`This issuer reads no source "${body.source}".`, { field: 'body.source' });
    if (body.returnUrl && !/^https?:/.test(body.returnUrl)) {
      throw new InvalidInputError('body.returnUrl must be an http(s) URL.', { field: 'body.returnUrl' });
    }
    const at = now();
    const possession = store.possession(body.possessionId, at);
    if (!possession || 'ended' in possession || possession.found.sessionId) {
      throw new PossessionNotProvenError('This possession challenge is unknown, used by another session, or over.', {
        field: 'body.possessionId',
        hint: 'POST /possessions for a fresh challenge.',
      });
    }
    const subjectCommitment = possession.found.subjectCommitment;
    const id = randomBytes(18).toString('base64url');
    const expiresAt = at + sessionSeconds;
    const sourceSession: SourceSession = {
      id,
      nonce: alphanumeric(48),
      callbackUrl: `${options.publicUrl}sessions/${id}/callback`,
      state: {},
    };
    let login: { value: unknown } | undefined;
    let authentication: SessionStarted['authentication'];
    if (body.renewal) {
      // No sign-in at the source here, so nothing of the source (not even a preview) before the
      // holder proved possession: a grant copied out of a pod shows its thief nothing.
      if (!possession.found.proven) {
        throw new PossessionNotProvenError('Renewing needs the possession challenge proved first.', {
          field: 'body.possessionId',
          hint: 'POST /possessions/:id with the proof, then start the renewal.',
        });
      }
      const renewal = source.adapter.renewal;
      const grant = openRenewalGrant({ key: grantKey, sealed: body.renewal, field: 'body.renewal' });
      if (!renewal || grant.source !== source.adapter.id || grant.subjectCommitment !== subjectCommitment.toString()) {
        throw new InvalidInputError('This renewal grant is for another source or another wallet.', {
          field: 'body.renewal',
        });
      }
      if (grant.until <= at) {
        throw new SourceAuthenticationError(`Your approval at ${source.adapter.name} for renewals has ended.`, {
          field: 'body.renewal',
          hint: 'Sign in at the source again.',
        });
      }
      login = { value: await renewal.resume(grant.data, at) };
      authentication = { kind: 'renewal' };
    } else {
      authentication = await source.adapter.startAuthentication(sourceSession);
    }
    const added = store.addSession({
      id,
      sourceId: source.adapter.id,
      possessionId: body.possessionId,
      subjectCommitment,
      expiresAt,
      returnUrl: body.returnUrl,
      sourceSession,
      login,
      preview: undefined,
    });
    if (!added) {
      throw new PossessionNotProvenError('This possession challenge is used by another session.', {
        field: 'body.possessionId',
      });
    }
    const started: SessionStarted = { sessionId: id, expiresAt, authentication };
    return c.json(started, 201);
  });

  app.post('/sessions/:id/authentication', async (c) => {
    const session = sessionOf(c);
    const body = await readJsonBody(c);
    const login = await session.source.adapter.authenticate(session.sourceSession, { body });
    store.updateSession({ ...session, login: { value: login }, preview: undefined });
    return c.json({ authenticated: true });
  });

  // Redirect flows (a bank's consent page) come back here with the source's query parameters.
  app.get('/sessions/:id/callback', async (c) => {
    const session = sessionOf(c);
    const login = await session.source.adapter.authenticate(session.sourceSession, { query: c.req.query() });
    store.updateSession({ ...session, login: { value: login }, preview: undefined });
    if (session.returnUrl) {
      const back = new URL(session.returnUrl);
      back.searchParams.set('issuerSession', session.id);
      return c.redirect(back.href, 303);
    }
    // The wallet that opened this window goes on at once (the message carries nothing secret); the
    // window closes itself, or says where to go when it was not opened by a wallet.
    return c.html(
      '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>You are signed in at the source. Return to your wallet to see what will be issued.</p><script>if (window.opener) { window.opener.postMessage({ type: "decdp-issuer-signed-in" }, "*"); window.close(); }</script>',
    );
  });

  app.get('/sessions/:id/preview', async (c) => c.json(await previewOf(sessionOf(c))));

  app.post('/sessions/:id/accept', async (c) => {
    const session = sessionOf(c);
    const possession = store.possession(session.possessionId, now());
    if (!possession || 'ended' in possession || !possession.found.proven) {
      throw new PossessionNotProvenError('Prove that you hold the secret behind this subject commitment first.', {
        field: 'session.possession',
        hint: 'POST /sessions/:id/possession with a proof over the session’s challenge.',
      });
    }
    const preview = await previewOf(session);
    const { issuer, adapter } = session.source;
    if (preview.attributes.length === 0) {
      throw new NotFoundError(`${adapter.name} holds nothing this issuer can vouch for.`, { field: 'session' });
    }
    const credentials = await signPreview(session, preview);
    const grant = adapter.renewal && session.login ? adapter.renewal.grantFor(session.login.value, now()) : undefined;
    // The session is spent before anything is handed out, in one UPDATE only an open session passes:
    // a second accept (another request, another process, after a restart) gets SESSION_EXPIRED.
    if (!store.endSession(session.id, now())) throw ended('issuance session');
    const entries: IssuanceLogEntry[] = credentials.map((credential) => ({
      credentialId: credential.id,
      subjectCommitment: credential.credentialSubject.commitment,
      attribute: credential.credentialSubject.attribute,
      source: adapter.id,
      issuerKeyHash: issuer.keyHash.toString(),
      issuedAt: credential.decdp.issuedAt,
      expiresAt: credential.decdp.expiresAt,
    }));
    await options.log.append(entries);
    const issued: IssuedCredentials = {
      credentials,
      provenance: {
        issuerUrl: options.publicUrl,
        issuerName: issuer.name,
        source: adapter.id,
        sourceName: adapter.name,
        selfAsserted: adapter.selfAsserted,
        issuedAt: preview.issuedAt,
        expiresAt: preview.expiresAt,
        ...(grant
          ? {
              renewal: {
                grant: sealRenewalGrant({
                  key: grantKey,
                  grant: {
                    source: adapter.id,
                    subjectCommitment: session.subjectCommitment.toString(),
                    ...grant,
                  },
                }),
                until: grant.until,
              },
            }
          : {}),
      },
    };
    return c.json(issued, 201);
  });

  app.get('/log', async (c) => {
    requireOperator(c);
    return c.json({ entries: await options.log.list() });
  });

  return app;
}
