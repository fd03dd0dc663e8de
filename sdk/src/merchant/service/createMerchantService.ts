// The merchant's HTTP service: issue requests, take answers, keep light records, relay rewards,
// honour revocations. Every input goes through one zod schema at the edge; every failure is a
// DecdpError whose code maps to a status in httpStatus.ts; nothing is stored on an error.

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Signer } from 'ethers';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import {
  DecdpError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnsupportedMediaTypeError,
} from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import { parseProofBundle } from '../../protocol/proofBundle.ts';
import { recipientOf } from '../../protocol/publicSignals.ts';
import {
  type AttributeRequest,
  predicateSchema,
  type RequestPredicate,
  type SignedRequest,
} from '../../protocol/request.ts';
import type { LightRecord, MerchantStore } from '../../store/merchantStore.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import { prepareVerifier } from '../../zk/prepareVerifier.ts';
import type { ClaimRelay } from '../claimRelay.ts';
import { createRequest } from '../createRequest.ts';
import { claimBodySchema, handleClaim } from '../handleClaim.ts';
import { handleRevocation } from '../handleRevocation.ts';
import { createAnswerVerifier, type ProofVerifier } from './answerVerifier.ts';
import { errorBody, httpStatusOf } from './httpStatus.ts';
import { createIdempotency, type IdempotentResult } from './idempotency.ts';
import { createMetricsRegistry, type MetricsRegistry } from './metrics.ts';
import { createRateLimiter, type RateLimitOptions } from './rateLimit.ts';

export type RewardCampaign = NonNullable<AttributeRequest['reward']>;

export type MerchantServiceOptions = {
  signer: Signer;
  name: string;
  /** Where wallets send answers; the service's own public base URL ending in '/'. */
  publicUrl: string;
  store: MerchantStore;
  verificationKey: VerificationKey;
  trustedIssuers: readonly bigint[];
  /**
   * The campaign that pays rewards, if any: its on-chain predicate (every rewarded request
   * includes it) and how to relay that predicate's proof as a claim; returns the tx hash.
   */
  rewards?: {
    campaign: RewardCampaign;
    predicate: RequestPredicate;
    relayClaim: (params: { proof: ProofBundle['proofs'][number]; campaign: RewardCampaign }) => Promise<string>;
  };
  /**
   * POST /claims: relays fresh claim proofs for the rewards campaign (createChainClaimRelay).
   * Without it (or without `rewards`) /claims answers 404.
   */
  claims?: ClaimRelay;
  /** Per-client limit of POST /claims (each may spend gas); default 30 a minute; `false` turns it off. */
  claimRateLimit?: RateLimitOptions | false;
  /** Pages allowed to call the service from a browser. */
  allowedOrigins: readonly string[];
  /** Largest accepted body; default 64 KiB (a 8-proof bundle is ~12 KiB). */
  maxBodyBytes?: number;
  /** Per-client limit; default 600 requests a minute; `false` turns it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** Who the client is, for the rate limit; default the TCP peer address. */
  clientOf?: (c: Context) => string;
  /** Worker threads that batch the Groth16 checks of concurrent answers (createVerifierThreads). */
  proofVerifier?: ProofVerifier;
  /** Structured logs (pino); default silent. Bodies are never logged. */
  logger?: Logger;
  /** Where /metrics reads from; pass one to add your own metrics (e.g. purges). */
  metrics?: MetricsRegistry;
  now?: () => number;
};

const createRequestBody = z
  .object({
    predicates: z.array(predicateSchema).min(1).max(8),
    purpose: z.object({ code: z.string().min(1).max(40), text: z.string().min(1).max(500) }).strict(),
    retentionDays: z.number().int().min(1).max(3650),
    reward: z.boolean().optional(),
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86_400)
      .optional(),
  })
  .strict();

const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

export type AnswerResponse = {
  record: LightRecord;
  duplicate: boolean;
  reward: { txHash: string; amount: string } | null;
  /** The answer is recorded but relaying the reward failed; claim it with a fresh proof (POST /claims). */
  rewardError?: { code: string; message: string };
};

function defaultClient(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createMerchantService(options: MerchantServiceOptions): Hono {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const { store } = options;
  const log = options.logger ?? pino({ level: 'silent' });
  const metrics = options.metrics ?? createMetricsRegistry();
  const httpRequests = metrics.counter('decdp_http_requests_total', 'HTTP requests by route, method and status.');
  const httpSeconds = metrics.histogram(
    'decdp_http_request_duration_seconds',
    'HTTP request duration by route.',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const errors = metrics.counter('decdp_errors_total', 'Error answers by stable error code.');
  const answers = metrics.counter('decdp_answers_total', 'Verified answers: recorded, duplicate.');
  const verifier = createAnswerVerifier({
    verificationKey: options.verificationKey,
    trustedIssuers: options.trustedIssuers,
    ...(options.proofVerifier ? { proofVerifier: options.proofVerifier } : {}),
  });
  metrics.gauge(
    'decdp_verify_batches',
    'Groth16 batches sent to the verifier threads.',
    () => verifier.stats().batches,
  );
  metrics.gauge(
    'decdp_verify_batched_proofs',
    'Proofs verified in batches on the verifier threads.',
    () => verifier.stats().proofs,
  );
  metrics.gauge('process_resident_memory_bytes', 'Resident memory.', () => process.memoryUsage.rss());
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? { max: 600 });
  const clientOf = options.clientOf ?? defaultClient;
  const claimLimiter =
    options.claimRateLimit === false ? undefined : createRateLimiter(options.claimRateLimit ?? { max: 30 });
  const claimsRelayed = metrics.counter('decdp_claims_total', 'Claims relayed by POST /claims.');
  let singleVerifier: ReturnType<typeof prepareVerifier> | undefined;
  const verifyClaimProofs =
    options.proofVerifier?.verify ??
    (async (items: readonly { proof: unknown; publicSignals: readonly string[] }[]) => {
      singleVerifier ??= prepareVerifier(options.verificationKey);
      const prepared = await singleVerifier;
      return Promise.all(items.map((item) => prepared.verify(item.proof, item.publicSignals).catch(() => false)));
    });
  const idempotency = createIdempotency({ store, now });

  const app = new Hono();
  // Access log, metrics and the request id first, so they see every answer, errors included.
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.header('x-request-id', requestId);
    await next();
    const route = c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
    const seconds = (performance.now() - started) / 1000;
    httpRequests.inc({ route, method: c.req.method, status: String(c.res.status) });
    httpSeconds.observe(seconds, { route });
    const code = c.get('errorCode' as never) as string | undefined;
    if (code) errors.inc({ code });
    const entry = { requestId, method: c.req.method, route, status: c.res.status, ms: Math.round(seconds * 1000) };
    if (c.res.status >= 500) log.error({ ...entry, code }, 'request failed');
    else if (code) log.warn({ ...entry, code }, 'request refused');
    else if (route !== '/health' && route !== '/metrics') log.info(entry, 'request');
  });
  app.use('*', cors({ origin: [...options.allowedOrigins], allowMethods: ['GET', 'POST'] }));
  app.use('*', async (c, next) => {
    if (limiter && c.req.path !== '/health' && c.req.path !== '/metrics') limiter.take(clientOf(c));
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: () => {
        throw new PayloadTooLargeError('The request body is too large.', {
          hint: `Send at most ${options.maxBodyBytes ?? 64 * 1024} bytes.`,
        });
      },
    }),
  );
  app.onError((error, c) => {
    const known = error instanceof DecdpError;
    c.set('errorCode' as never, (known ? error.code : 'INTERNAL') as never);
    if (!known) log.error({ err: error }, 'unexpected error');
    if (error instanceof RateLimitedError) c.header('retry-after', String(error.retryAfterSeconds));
    return c.json(errorBody(error), httpStatusOf(error) as 400);
  });
  app.notFound(() => {
    throw new NotFoundError('No such endpoint.', { hint: 'See docs/interfaces.md § Merchant service.' });
  });

  /** The body as text, after the content-type check (the idempotency fingerprint needs the bytes). */
  async function readBody(c: Context): Promise<string> {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.', {
        field: 'header.Content-Type',
      });
    }
    return c.req.text();
  }
  function parseJson(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      throw new InvalidInputError('The body is not valid JSON.', { field: 'body', cause });
    }
  }
  /**
   * A POST that runs once per Idempotency-Key (idempotency.ts): `work` and `rebuild` get the body
   * as text; a replay is marked with the idempotent-replayed header.
   */
  async function runIdempotentPost<T>(
    c: Context,
    handlers: {
      work: (text: string) => Promise<T & IdempotentResult>;
      rebuild: (entry: IdempotentResult, text: string) => Promise<T & IdempotentResult>;
    },
  ): Promise<T & IdempotentResult> {
    const text = await readBody(c);
    const { result, replayed } = await idempotency.run({
      key: c.req.header('idempotency-key'),
      method: 'POST',
      path: c.req.path,
      body: text,
      work: () => handlers.work(text),
      rebuild: (entry) => handlers.rebuild(entry, text),
    });
    if (replayed) c.header('idempotent-replayed', 'true');
    return result;
  }
  // Signed requests never change: the last thousand read stay parsed in memory.
  const requestCache = new Map<string, SignedRequest>();
  async function signedRequestOr404(id: string): Promise<SignedRequest> {
    const cached = requestCache.get(id);
    if (cached) return cached;
    const signed = await store.getRequest(parseWith(idParam, id, 'id'));
    if (!signed) throw new NotFoundError(`No request ${id}.`, { field: 'id' });
    if (requestCache.size >= 1000) requestCache.delete(requestCache.keys().next().value as string);
    requestCache.set(id, signed);
    return signed;
  }

  app.get('/health', async (c) => {
    await store.getRecord(0); // a primary-key lookup: answers 503 STORE_ERROR when the store is down
    return c.json({ ok: true });
  });

  app.get('/metrics', (c) => c.text(metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }));

  app.get('/config', async (c) =>
    c.json({
      merchant: { name: options.name, address: await options.signer.getAddress() },
      trustedIssuers: options.trustedIssuers.map(String),
      campaign: options.rewards?.campaign ?? null,
    }),
  );

  app.post('/requests', async (c) => {
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const body = parseWith(createRequestBody, parseJson(text), 'body');
        if (body.reward && !options.rewards) {
          throw new InvalidInputError('This merchant has no reward campaign.', { field: 'body.reward' });
        }
        const rewarded = body.reward ? options.rewards : undefined;
        const campaignPredicate = rewarded?.predicate;
        const predicates =
          campaignPredicate && !body.predicates.some((predicate) => isDeepStrictEqual(predicate, campaignPredicate))
            ? [campaignPredicate, ...body.predicates]
            : body.predicates;
        const signed = await createRequest({
          signer: options.signer,
          merchant: { name: options.name, requestEndpoint: `${options.publicUrl}requests` },
          predicates,
          purpose: body.purpose,
          retentionDays: body.retentionDays,
          ...(rewarded ? { reward: rewarded.campaign } : {}),
          ...(body.ttlSeconds ? { ttlSeconds: body.ttlSeconds } : {}),
          now: now(),
        });
        await store.saveRequest(signed);
        return { status: 201, resource: `request:${signed.request.id}`, signed };
      },
      rebuild: async ({ status, resource }) => ({
        status,
        resource,
        signed: await signedRequestOr404(resource.slice('request:'.length)),
      }),
    });
    return c.json(result.signed, result.status as 201);
  });

  app.get('/requests', async (c) => c.json(await store.listOpenRequests({ now: now() })));

  app.get('/requests/:id', async (c) => c.json(await signedRequestOr404(c.req.param('id'))));

  async function answerOf(record: LightRecord, duplicate: boolean): Promise<AnswerResponse> {
    const amount = (await store.getRequest(record.requestId))?.request.reward?.amount;
    return {
      record,
      duplicate,
      reward: record.rewardTx && amount ? { txHash: record.rewardTx, amount } : null,
    };
  }

  app.post('/requests/:id/answers', async (c) => {
    const signedRequest = await signedRequestOr404(c.req.param('id'));
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const bundle = parseProofBundle(parseJson(text));
        const verified = await verifier.verify({ signedRequest, bundle, now: now() });
        const { record, duplicate } = await store.save({
          pseudonym: verified.pseudonym,
          requestId: verified.requestId,
          predicates: verified.predicates,
          proofHash: verified.proofHash,
          issuerKeyHashes: verified.issuerKeyHashes,
          nullifier: verified.nullifier,
          nullifierScope: verified.nullifierScope,
          createdAt: verified.verifiedAt,
          expiresAt: verified.verifiedAt + signedRequest.request.retentionDays * 86_400,
          consentReceipt: null,
        });
        answers.inc({ outcome: duplicate ? 'duplicate' : 'recorded' });
        const answer: AnswerResponse = { record, duplicate, reward: null };
        const campaign = signedRequest.request.reward;
        const rewards = options.rewards;
        if (campaign && rewards) {
          const index = signedRequest.request.predicates.findIndex((predicate) =>
            isDeepStrictEqual(predicate, rewards.predicate),
          );
          const proof = bundle.proofs.find((entry) => entry.predicateIndex === index);
          try {
            if (!proof) throw new InvalidInputError('The answer has no proof for the campaign predicate.');
            // A duplicate answer whose relay failed before is relayed again; the chain refuses a second payout.
            const txHash = record.rewardTx ?? (await rewards.relayClaim({ proof, campaign }));
            if (!record.rewardTx) await store.setRewardTx({ id: record.id, txHash });
            record.rewardTx = txHash;
            answer.reward = { txHash, amount: campaign.amount };
          } catch (error) {
            // The answer stands (it is verified and recorded); only the payout is missing.
            const body = errorBody(error).error;
            answer.rewardError = { code: body.code, message: body.message };
            log.warn({ code: body.code, recordId: record.id }, 'reward relay failed');
          }
        }
        return { status: duplicate ? 200 : 201, resource: `record:${record.id}`, answer };
      },
      rebuild: async ({ status, resource }) => {
        const record = await store.getRecord(Number(resource.slice('record:'.length)));
        if (!record) throw new NotFoundError('The answer recorded under this key was deleted.', { field: 'id' });
        return { status, resource, answer: await answerOf(record, status === 200) };
      },
    });
    return c.json(result.answer, result.status as 201);
  });

  app.get('/records', async (c) => c.json(await store.list({ limit: 200 })));

  app.post('/claims', async (c) => {
    const relay = options.claims;
    const campaign = options.rewards?.campaign;
    if (!relay || !campaign) {
      throw new NotFoundError('This merchant relays no reward claims.', { hint: 'GET /config names its campaign.' });
    }
    claimLimiter?.take(clientOf(c));
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const claim = await handleClaim({
          body: parseJson(text),
          campaignIds: [campaign.campaignId],
          relay,
          verifyProofs: verifyClaimProofs,
        });
        claimsRelayed.inc();
        // Kept in the store (its schema checks the shape): the transaction, block and amount. The
        // recipient is not kept: a replay carries the same body, whose proof names it.
        return { status: 201, resource: `claim:${claim.txHash}:${claim.blockNumber}:${claim.amount}`, claim };
      },
      rebuild: async ({ status, resource }, text) => {
        const [, txHash = '', blockNumber = '0', amount = '0'] = resource.split(':');
        const { publicSignals } = parseWith(claimBodySchema, parseJson(text), 'body');
        return {
          status,
          resource,
          claim: { txHash, blockNumber: Number(blockNumber), recipient: recipientOf(publicSignals), amount },
        };
      },
    });
    return c.json(result.claim, result.status as 201);
  });

  app.post('/revocations', async (c) => {
    const text = await readBody(c);
    const confirmation = await handleRevocation({
      body: parseJson(text),
      store,
      signer: options.signer,
      verificationKey: options.verificationKey,
      now: now(),
    });
    return c.json(confirmation);
  });

  return app;
}
