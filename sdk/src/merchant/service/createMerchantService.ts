// The merchant's HTTP service: issue requests, take answers, keep light records, relay rewards,
// honour revocations. Every input goes through one zod schema at the edge; every failure is a
// DecdpError whose code maps to a status in httpStatus.ts; nothing is stored on an error.

import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Signer } from 'ethers';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../../errors/index.ts';
import { answerErrorsAsJson, parseJsonText, readJsonText } from '../../http/jsonEdge.ts';
import { limitBodySize } from '../../http/limitBodySize.ts';
import { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
import type { PodFetch } from '../../pod/documents.ts';
import type { MaskDesk } from '../../protocol/maskDesk.ts';
import { parseWith } from '../../protocol/parse.ts';
import { recipientOf } from '../../protocol/publicSignals.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { KeptCampaign, MerchantStore, OperatorScope } from '../../store/merchantStore.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import { prepareVerifier } from '../../zk/prepareVerifier.ts';
import type { CampaignDesk } from '../campaignDesk.ts';
import type { ClaimRelay } from '../claimRelay.ts';
import { connectedInboxIdSchema, listConnectedInboxes } from '../connectedInboxes.ts';
import { deliverToInboxes } from '../deliverToInboxes.ts';
import { forgetInbox } from '../forgetInbox.ts';
import { type AnswerRewards, answerOfRecord, handleAnswer } from '../handleAnswer.ts';
import { claimBodySchema, handleClaim } from '../handleClaim.ts';
import { handleInboxConnection } from '../handleInboxConnection.ts';
import { handleNewRequest } from '../handleNewRequest.ts';
import { handleRevocation } from '../handleRevocation.ts';
import { createOfferRoutes, type OfferRoutesOptions } from '../offers/createOfferRoutes.ts';
import { authenticateOperator } from '../operatorToken.ts';
import { createAnswerVerifier, type ProofVerifier, type TrustedIssuers } from './answerVerifier.ts';
import { createIdempotency, type IdempotentResult } from './idempotency.ts';
import { createMetricsRegistry, type MetricsRegistry } from './metrics.ts';

export type MerchantServiceOptions = {
  signer: Signer;
  name: string;
  /** Where wallets send answers; the service's own public base URL ending in '/'. */
  publicUrl: string;
  store: MerchantStore;
  verificationKey: VerificationKey;
  /** Fixed key hashes, or a function read at each answer (trustIssuersFromRegistry: trust from the chain). */
  trustedIssuers: TrustedIssuers;
  /** When trust comes from IssuerRegistry (trustIssuersFromRegistry): its address and the last block read, at GET /config. */
  issuerRegistry?: { address: string; block: () => number };
  /**
   * `GET /requests` lists the open requests to anyone: an explicit opt-in for public offers
   * (default off; people get requests by link, QR code or their inbox).
   */
  publicRequestList?: boolean;
  /**
   * The merchant's own Solid login (loginWithClientCredentials): `POST /requests/:id/deliveries`
   * appends the request to connected inboxes with it, and `/config` names its WebID so wallets let
   * only it append.
   */
  solid?: { webId: string; fetch: PodFetch };
  /**
   * The campaign that pays rewards, if any: its on-chain predicate (every rewarded request
   * includes it). Answers' proofs of it are relayed through `claims`, unless `relayClaim` is given.
   */
  rewards?: Omit<AnswerRewards, 'relayClaim'> & { relayClaim?: AnswerRewards['relayClaim'] };
  /**
   * The claim relay (createChainClaimRelay): pays answers' rewards and POST /claims, one key and
   * one nonce sequence for both. Without it (or without `rewards`) /claims answers 404.
   */
  claims?: ClaimRelay;
  /** Campaigns POST /claims relays for (decimal ids); default the rewards campaign alone. */
  claimCampaignIds?: readonly string[];
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
  /**
   * The merchant's campaigns (createCampaignDesk): operator routes under /campaigns create, fund,
   * pause, resume, close and list them; requests may name any open one (`campaignId`), answers to
   * them are paid through `claims`, and POST /claims relays for every one.
   */
  campaigns?: CampaignDesk;
  /**
   * The merchant's mask desk (createMaskDesk, @decdp/sdk/masks/node): operator routes under
   * /operator/masks and /operator/mask-requests list masks, ask a mask's members, count the
   * verified answers and pay their bound recipients (docs/masks.md).
   */
  masks?: MaskDesk;
  /** Offers: public GET /offers and POST /offers/clicks, operator routes under /operator/offers (docs/offers.md). */
  offers?: Omit<OfferRoutesOptions, 'clientOf' | 'authenticate'>;
};

const deliveryTargetSchema = z.object({ inbox: connectedInboxIdSchema.optional() }).strict();

const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/** The answers' reward relay: the options' own, or the claim relay's. */
function rewardsOf(options: MerchantServiceOptions): AnswerRewards | undefined {
  if (!options.rewards) return undefined;
  const relay = options.claims;
  const relayClaim =
    options.rewards.relayClaim ??
    (relay
      ? ({ proof, campaign }: Parameters<AnswerRewards['relayClaim']>[0]) =>
          relay
            .relay({ campaignId: BigInt(campaign.campaignId), proof: proof.proof, publicSignals: proof.publicSignals })
            .then((paid) => paid.txHash)
      : undefined);
  if (!relayClaim) {
    throw new InvalidInputError('A reward campaign needs a claim relay.', {
      field: 'claims',
      hint: 'Pass claims: createChainClaimRelay({ signer, pool }).',
    });
  }
  return { campaign: options.rewards.campaign, predicate: options.rewards.predicate, relayClaim };
}

function defaultClient(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export type { AnswerResponse, RewardCampaign } from '../handleAnswer.ts';

/** @since 0.2.0 */
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
  const rewards = rewardsOf(options);
  // Any number of campaigns: the configured one and those the merchant created (the desk's).
  const openCampaigns = async (): Promise<KeptCampaign[]> =>
    (await options.campaigns?.served())?.filter((kept) => kept.closedAt === null) ?? [];
  const rewardsForNewRequest = async (campaignId: string | undefined) => {
    if (!options.campaigns)
      return campaignId === undefined || campaignId === rewards?.campaign.campaignId ? rewards : undefined;
    const open = await openCampaigns();
    const chosen =
      campaignId === undefined
        ? (open.find((kept) => kept.campaign.campaignId === rewards?.campaign.campaignId) ?? open.at(-1))
        : open.find((kept) => kept.campaign.campaignId === campaignId);
    return chosen ? { campaign: chosen.campaign, predicate: chosen.predicate } : undefined;
  };
  const answerRewards = new Map<string, AnswerRewards>();
  /** How an answer to this request is paid: its own campaign's predicate and the relay. */
  const rewardsForAnswer = async (signed: SignedRequest): Promise<AnswerRewards | undefined> => {
    const campaignId = signed.request.reward?.campaignId;
    if (campaignId === undefined) return undefined;
    if (rewards?.campaign.campaignId === campaignId) return rewards;
    const known = answerRewards.get(campaignId);
    if (known || !options.campaigns || !options.claims) return known;
    const kept = (await options.campaigns.served()).find((entry) => entry.campaign.campaignId === campaignId);
    if (!kept) return undefined;
    const relay = options.claims;
    const found: AnswerRewards = {
      campaign: kept.campaign,
      predicate: kept.predicate,
      relayClaim: ({ proof, campaign }) =>
        relay
          .relay({ campaignId: BigInt(campaign.campaignId), proof: proof.proof, publicSignals: proof.publicSignals })
          .then((paid) => paid.txHash),
    };
    answerRewards.set(campaignId, found);
    return found;
  };
  const campaignDesk = (): CampaignDesk => {
    if (!options.campaigns) {
      throw new NotFoundError('This service manages no campaigns.', {
        hint: 'Start it with a chain and a pool (decdp-merchant serve --rpc-url … --pool …).',
      });
    }
    return options.campaigns;
  };

  const maskDesk = (): MaskDesk => {
    if (!options.masks) {
      throw new NotFoundError('This service has no mask desk.', {
        hint: 'Start it with a mask registry and a mask service (createMaskDesk; npm start does).',
      });
    }
    return options.masks;
  };

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
  app.use('*', cors({ origin: [...options.allowedOrigins], allowMethods: ['GET', 'POST', 'DELETE'] }));
  app.use('*', async (c, next) => {
    if (limiter && c.req.path !== '/health' && c.req.path !== '/metrics') limiter.take(clientOf(c));
    await next();
  });
  app.use('*', limitBodySize(options.maxBodyBytes ?? 64 * 1024));
  answerErrorsAsJson(app, { log, notFoundHint: 'See docs/interfaces.md § Merchant service.' });
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
    const text = await readJsonText(c);
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

  /** Admin routes are the merchant's: an operator token with the scope (401/403 before anything runs). */
  const requireOperator = (c: Context, scope: OperatorScope) =>
    authenticateOperator({ store, authorization: c.req.header('authorization'), scope, now: now() });
  const operator = (scope: OperatorScope) => async (c: Context, next: () => Promise<void>) => {
    await requireOperator(c, scope);
    await next();
  };
  const trustedNow = () =>
    typeof options.trustedIssuers === 'function' ? options.trustedIssuers() : options.trustedIssuers;

  app.get('/health', async (c) => {
    await store.getRecord(0); // a primary-key lookup: answers 503 STORE_ERROR when the store is down
    return c.json({ ok: true });
  });

  app.get('/metrics', operator('metrics:read'), (c) =>
    c.text(metrics.render(), 200, { 'content-type': 'text/plain; version=0.0.4' }),
  );

  app.get('/config', async (c) =>
    c.json({
      merchant: {
        name: options.name,
        address: await options.signer.getAddress(),
        ...(options.solid ? { webId: options.solid.webId } : {}),
      },
      trustedIssuers: trustedNow().map(String),
      ...(options.issuerRegistry
        ? { issuerRegistry: { address: options.issuerRegistry.address, block: options.issuerRegistry.block() } }
        : {}),
      campaign: options.rewards?.campaign ?? null,
    }),
  );

  app.post('/requests', operator('requests:write'), async (c) => {
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const signed = await handleNewRequest({
          body: parseJsonText(text),
          signer: options.signer,
          merchant: { name: options.name, requestEndpoint: `${options.publicUrl}requests` },
          store,
          rewards: rewardsForNewRequest,
          now: now(),
        });
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

  // The open requests: the operator's list (its page), public only when the merchant opts in to
  // public offers; people otherwise get requests by link, QR code or their inbox.
  app.get('/requests', async (c) => {
    if (!options.publicRequestList) await requireOperator(c, 'requests:write');
    return c.json(await store.listOpenRequests({ now: now() }));
  });

  app.post('/requests/:id/deliveries', operator('requests:write'), async (c) => {
    const signedRequest = await signedRequestOr404(c.req.param('id') ?? '');
    if (!options.solid) {
      throw new NotFoundError('This merchant has no Solid login to deliver with.', {
        hint: "Start the service with the merchant's Solid client credentials.",
      });
    }
    // No body: every connected inbox; `{ "inbox": "<id>" }`: that one (INBOX_NOT_CONNECTED if forgotten).
    const target = (await c.req.text()).trim()
      ? parseWith(deliveryTargetSchema, parseJsonText(await readJsonText(c)), 'body')
      : {};
    return c.json(
      await deliverToInboxes({
        store,
        signedRequest,
        fetch: options.solid.fetch,
        ...(target.inbox ? { inboxId: target.inbox } : {}),
      }),
    );
  });

  app.post('/inboxes', async (c) => {
    const connected = await handleInboxConnection({ store, body: parseJsonText(await readJsonText(c)), now: now() });
    return c.json(connected, 201);
  });
  // The operator's view of who may be reached, and forgetting one (docs/merchant.md "Connected inboxes").
  app.get('/inboxes', operator('requests:write'), async (c) => c.json(await listConnectedInboxes({ store })));
  app.delete('/inboxes/:id', operator('requests:write'), async (c) =>
    c.json(await forgetInbox({ store, id: c.req.param('id') })),
  );

  app.get('/requests/:id', async (c) => c.json(await signedRequestOr404(c.req.param('id'))));

  app.post('/requests/:id/answers', async (c) => {
    const signedRequest = await signedRequestOr404(c.req.param('id'));
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const paying = await rewardsForAnswer(signedRequest);
        const answer = await handleAnswer({
          signedRequest,
          body: parseJsonText(text),
          verify: verifier.verify,
          store,
          ...(paying ? { rewards: paying } : {}),
          now: now(),
          onRewardError: (failure) => log.warn(failure, 'reward relay failed'),
        });
        answers.inc({ outcome: answer.duplicate ? 'duplicate' : 'recorded' });
        return { status: answer.duplicate ? 200 : 201, resource: `record:${answer.record.id}`, answer };
      },
      rebuild: async ({ status, resource }) => {
        const record = await store.getRecord(Number(resource.slice('record:'.length)));
        if (!record) throw new NotFoundError('The answer recorded under this key was deleted.', { field: 'id' });
        return { status, resource, answer: await answerOfRecord({ record, duplicate: status === 200, store }) };
      },
    });
    return c.json(result.answer, result.status as 201);
  });

  app.get('/records', operator('records:read'), async (c) => c.json(await store.list({ limit: 200 })));
  // Durable: counted in the store when a revocation deletes a record (the record itself is gone).
  app.get('/records/revocations', operator('records:read'), async (c) =>
    c.json({ confirmed: await store.revocationCount() }),
  );

  app.get('/campaigns', operator('campaigns:write'), async (c) => c.json(await campaignDesk().list()));
  app.post('/campaigns', operator('campaigns:write'), async (c) =>
    c.json(await campaignDesk().create(parseJsonText(await readJsonText(c))), 201),
  );
  app.post('/campaigns/:id/top-up', operator('campaigns:write'), async (c) =>
    c.json(await campaignDesk().topUp(c.req.param('id') ?? '', parseJsonText(await readJsonText(c)))),
  );
  app.post('/campaigns/:id/pause', operator('campaigns:write'), async (c) =>
    c.json(await campaignDesk().pause(c.req.param('id') ?? '')),
  );
  app.post('/campaigns/:id/resume', operator('campaigns:write'), async (c) =>
    c.json(await campaignDesk().resume(c.req.param('id') ?? '')),
  );
  app.post('/campaigns/:id/close', operator('campaigns:write'), async (c) =>
    c.json(await campaignDesk().close(c.req.param('id') ?? '')),
  );

  // Requests to a mask's members (docs/masks.md): asking needs requests:write; paying spends tokens,
  // so it needs campaigns:write.
  app.get('/operator/masks', operator('requests:write'), async (c) => c.json({ masks: await maskDesk().masks() }));
  app.post('/operator/mask-requests', operator('requests:write'), async (c) =>
    c.json(await maskDesk().ask(parseJsonText(await readJsonText(c))), 201),
  );
  app.get('/operator/mask-requests', operator('requests:write'), async (c) =>
    c.json({ requests: await maskDesk().requests() }),
  );
  app.post('/operator/mask-requests/:id/payouts', operator('campaigns:write'), async (c) =>
    c.json(await maskDesk().pay(c.req.param('id') ?? '')),
  );

  app.post('/claims', async (c) => {
    const relay = options.claims;
    const campaign = options.rewards?.campaign;
    if (!relay || (!campaign && !options.campaigns)) {
      throw new NotFoundError('This merchant relays no reward claims.', { hint: 'GET /config names its campaign.' });
    }
    claimLimiter?.take(clientOf(c));
    const result = await runIdempotentPost(c, {
      work: async (text) => {
        const claim = await handleClaim({
          body: parseJsonText(text),
          campaignIds: [
            ...(options.claimCampaignIds ?? (campaign ? [campaign.campaignId] : [])),
            ...((await options.campaigns?.served()) ?? []).map((kept) => kept.campaign.campaignId),
          ],
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
        const { publicSignals } = parseWith(claimBodySchema, parseJsonText(text), 'body');
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
    const text = await readJsonText(c);
    const confirmation = await handleRevocation({
      body: parseJsonText(text),
      store,
      signer: options.signer,
      verificationKey: options.verificationKey,
      now: now(),
    });
    return c.json(confirmation);
  });

  if (options.offers) {
    // Offers are the merchant's campaigns: the operator routes take a token with campaigns:write.
    const authenticate = (c: Context) => requireOperator(c, 'campaigns:write');
    app.route('/', createOfferRoutes({ ...options.offers, clientOf, authenticate }));
  }

  return app;
}
