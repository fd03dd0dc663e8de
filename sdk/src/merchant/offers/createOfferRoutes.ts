// The offer routes of the merchant service (docs/offers.md § Serving offers), a Hono sub-app the
// service mounts: public GET /offers and POST /offers/clicks, and the operator's routes under
// /operator/offers (bearer token). Inputs are parsed here with zod; the desk does the work; errors
// go to the service's one status table (httpStatus.ts).
import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { InvalidInputError, UnauthorizedError, UnsupportedMediaTypeError } from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';
import type { OfferDesk } from './createOfferDesk.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');
const label = z.string().min(1).max(200);
const count = z.number().finite().min(0).max(1e12);

const offerBody = z
  .object({
    id,
    title: z.string().min(1).max(120),
    creative: z.string().min(1).max(2000),
    link: z
      .string()
      .url()
      .max(2000)
      .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL'),
    quota: count,
    rentals: z
      .array(z.object({ contextId: id, share: z.number().min(0).max(1) }).strict())
      .max(64)
      .optional(),
    blockedContexts: z.array(id).max(256).optional(),
  })
  .strict();

const contextBody = z
  .object({
    id,
    impressions: count,
    page: label.optional(),
    keywords: z.array(label).max(32).optional(),
    provenPredicates: z.array(label).max(16).optional(),
    maskId: id.optional(),
  })
  .strict();

const clickBody = z.object({ impressionId: z.string().uuid() }).strict();

export type OfferRoutesOptions = {
  desk: OfferDesk;
  /** Bearer token of the operator routes; without one they answer UNAUTHORIZED to everyone. */
  operatorToken?: string;
  /** Who the client is (the service's rate-limit key): clicks count only from the client shown the offer. */
  clientOf: (c: Context) => string;
};

/** @since 0.2.0 */
export function createOfferRoutes(options: OfferRoutesOptions): Hono {
  const { desk, clientOf } = options;
  const expected = options.operatorToken ? Buffer.from(options.operatorToken) : undefined;
  const app = new Hono();

  app.use('/operator/*', async (c, next) => {
    const given = Buffer.from(/^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedError('This route is for the merchant operator.', {
        field: 'header.Authorization',
        hint: 'Send Authorization: Bearer <operator token> (the service was started with it).',
      });
    }
    await next();
  });

  app.get('/offers', (c) => {
    const contextId = parseWith(id, c.req.query('context'), 'query.context');
    const served = desk.serve({ contextId, source: clientOf(c) });
    c.header('cache-control', 'no-store');
    return c.json(served ?? { impressionId: null, offer: null, explanation: null });
  });

  app.post('/offers/clicks', async (c) => {
    const body = parseWith(clickBody, await readJson(c), 'body');
    return c.json(desk.click({ impressionId: body.impressionId, source: clientOf(c) }));
  });

  app.get('/operator/offers', (c) => c.json(desk.view()));

  app.post('/operator/offers', async (c) => {
    await desk.putOffer(parseWith(offerBody, await readJson(c), 'body'));
    return c.json(desk.view());
  });

  app.post('/operator/offer-contexts', async (c) => {
    await desk.putContext(parseWith(contextBody, await readJson(c), 'body'));
    return c.json(desk.view());
  });

  app.post('/operator/offers/resolve', async (c) => {
    await desk.resolve();
    return c.json(desk.view());
  });

  return app;
}

async function readJson(c: Context): Promise<unknown> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.', {
      field: 'header.Content-Type',
    });
  }
  try {
    return JSON.parse(await c.req.text()) as unknown;
  } catch (cause) {
    throw new InvalidInputError('The body is not valid JSON.', { field: 'body', cause });
  }
}
