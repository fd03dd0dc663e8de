// The mask service `npm start` runs beside the merchant service: the relayer (a wallet's
// membership transactions, paid by the relayer's account) and the board of mask-targeted requests
// (merchants post, members read and answer, the merchant reads the answers). It is not a trusted
// party: each body authenticates itself (a Semaphore proof, admission proofs, the leave secret, the
// merchant's signature), the registry re-checks every transaction, and a merchant re-verifies every
// answer it reads. What it can do wrong is refuse, delay or see network addresses. docs/masks.md.
import { getConnInfo } from '@hono/node-server/conninfo';
import { getAddress, getBytes, verifyMessage } from 'ethers';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import pino, { type Logger } from 'pino';
import { InvalidInputError, NotFoundError, UnauthorizedError } from '../../errors/index.ts';
import { answerErrorsAsJson, readJsonBody } from '../../http/jsonEdge.ts';
import { limitBodySize } from '../../http/limitBodySize.ts';
import { createRateLimiter, type RateLimitOptions } from '../../http/rateLimit.ts';
import type { MerchantStore } from '../../store/merchantStore.ts';
import { readMaskOnChain, readMaskProfileOnChain } from '../chain/maskRegistry.ts';
import { createMaskRelayer, type MaskRelayerOptions } from '../relayer/createMaskRelayer.ts';
import { maskAnswersReadMessage } from '../relayer/maskAnswersRead.ts';
import {
  type MaskAnswer,
  type SignedMaskRequest,
  verifyMaskAnswer,
  verifyMaskRequest,
} from '../requests/maskRequest.ts';

export type MaskServiceOptions = MaskRelayerOptions & {
  /** Unix seconds (default the system clock): request expiry, signed answer reads. */
  now?: () => number;
  /** Where the board of mask requests and their answers is kept (SQLite or PostgreSQL, migration
   * 10), so a restart loses nothing: `openStore({ db })`. */
  store: MerchantStore;
  /** Origins of the pages allowed to call it (the wallet). */
  allowedOrigins: readonly string[];
  /** Writes (POST) per client per window; default 30 a minute. Reads are not limited. */
  rateLimit?: RateLimitOptions;
  /** The client of a request (default: the TCP peer); behind a proxy, its client header. */
  clientOf?: (c: Context) => string;
  logger?: Logger;
};

/** How long a merchant's signed read of its answers stays valid. */
const ANSWER_READ_WINDOW_SECONDS = 300;

/**
 * @example
 * const app = createMaskService({ signer: new NonceManager(relayerKey), registry, allowedOrigins });
 * await serveHttp({ app, port });
 */
export function createMaskService(options: MaskServiceOptions) {
  const relayer = createMaskRelayer(options);
  const log = options.logger ?? pino({ level: 'silent' });
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const limiter = createRateLimiter(options.rateLimit ?? { max: 30 });
  const clientOf = options.clientOf ?? peerAddress;
  const { store } = options;

  const app = new Hono();
  app.use('*', cors({ origin: [...options.allowedOrigins], allowMethods: ['GET', 'POST'] }));
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST') limiter.take(clientOf(c));
    await next();
  });
  app.use('*', limitBodySize(64 * 1024));
  answerErrorsAsJson(app, { log, notFoundHint: 'See docs/masks.md § The mask service.' });

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/relayer', async (c) => c.json({ address: await relayer.address(), registry: options.registry }));

  // The relayer: each route one call, authenticated by what the body carries.
  app.post('/masks/:maskId/members', async (c) =>
    c.json(await relayer.join({ maskId: c.req.param('maskId'), body: await readJsonBody(c) }), 201),
  );
  app.post('/masks/:maskId/contributions', async (c) =>
    c.json(await relayer.contribute({ maskId: c.req.param('maskId'), body: await readJsonBody(c) }), 201),
  );
  app.post('/masks/:maskId/leaves', async (c) =>
    c.json(await relayer.leave({ maskId: c.req.param('maskId'), body: await readJsonBody(c) }), 201),
  );

  // A closed epoch's aggregate profile, as the registry releases it: k contributors or nothing.
  app.get('/masks/:maskId/profile', async (c) => {
    const epoch = Number(c.req.query('epoch'));
    if (!Number.isSafeInteger(epoch) || epoch < 0) {
      throw new InvalidInputError('Say which epoch: ?epoch=N (a closed one).', { field: 'query.epoch' });
    }
    return c.json(
      await readMaskProfileOnChain({
        provider: options.signer,
        registry: options.registry,
        maskId: c.req.param('maskId'),
        epoch,
      }),
    );
  });

  // The board of mask-targeted requests.
  app.post('/mask-requests', async (c) => {
    const signed = verifyMaskRequest(await readJsonBody(c));
    // An unknown mask is NOT_FOUND (the registry read says so).
    await readMaskOnChain({ provider: options.signer, registry: options.registry, maskId: signed.request.maskId });
    await store.saveMaskRequest({
      id: signed.request.id,
      maskId: signed.request.maskId,
      signed: JSON.stringify(signed),
      expiresAt: signed.request.expiresAt,
    });
    return c.json({ id: signed.request.id }, 201);
  });
  app.get('/masks/:maskId/requests', async (c) => {
    const open = await store.listMaskRequests({ maskId: c.req.param('maskId'), now: now() });
    return c.json(open.map((signed) => JSON.parse(signed) as SignedMaskRequest));
  });
  app.post('/mask-requests/:id/answers', async (c) => {
    const signedRequest = await requestOr404(c.req.param('id'));
    const kept = await store.listMaskAnswers(signedRequest.request.id);
    const body = await readJsonBody(c);
    const verified = await verifyMaskAnswer({
      provider: options.signer,
      registry: options.registry,
      signedRequest,
      answer: body,
      nowSeconds: now(),
      seenNullifiers: new Set(kept.map((entry) => entry.nullifier)),
    });
    // The store keeps one answer per nullifier (its key): of two overlapping answers, one is kept.
    await store.saveMaskAnswer({
      requestId: signedRequest.request.id,
      nullifier: verified.nullifier,
      answer: JSON.stringify(body as MaskAnswer),
      at: now(),
    });
    return c.json({ accepted: true }, 201);
  });
  app.get('/mask-requests/:id/answers', async (c) => {
    const signedRequest = await requestOr404(c.req.param('id'));
    const timestamp = Number(c.req.header('x-decdp-timestamp'));
    const signature = c.req.header('x-decdp-signature') ?? '';
    let signer = '';
    try {
      signer = verifyMessage(
        getBytes(maskAnswersReadMessage({ requestId: signedRequest.request.id, timestamp })),
        signature,
      );
    } catch {}
    if (
      !Number.isSafeInteger(timestamp) ||
      Math.abs(now() - timestamp) > ANSWER_READ_WINDOW_SECONDS ||
      !signer ||
      getAddress(signer) !== getAddress(signedRequest.request.merchant.address)
    ) {
      throw new UnauthorizedError('Only the merchant that signed the request reads its answers.', {
        field: 'header.x-decdp-signature',
        hint: 'Sign maskAnswersReadMessage({ requestId, timestamp }) with the request’s key (readMaskAnswers does).',
      });
    }
    const kept = await store.listMaskAnswers(signedRequest.request.id);
    return c.json(kept.map((entry) => JSON.parse(entry.answer) as MaskAnswer));
  });

  async function requestOr404(id: string): Promise<SignedMaskRequest> {
    const signed = await store.getMaskRequest(id);
    if (!signed) throw new NotFoundError(`No mask request ${id}.`, { field: 'id' });
    return JSON.parse(signed) as SignedMaskRequest;
  }

  return app;
}

function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
