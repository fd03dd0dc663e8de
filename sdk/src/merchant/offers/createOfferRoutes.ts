// The offer routes of the merchant service (docs/offers.md § Serving offers), a Hono sub-app the
// service mounts: public GET /offers, POST /offers/clicks and POST /offers/opt-outs, and the
// operator's routes under /operator/offers (the merchant store's operator tokens). Inputs are parsed
// here with zod; the desk does the work; errors go to the service's one status table (httpStatus.ts).
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { InvalidInputError, UnsupportedMediaTypeError } from '../../errors/index.ts';
import { parseInterest } from '../../offers/offerInterests.ts';
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

const queryContext = z
  .object({
    page: label.optional(),
    keywords: z.array(label).max(32).optional(),
    provenPredicates: z.array(label).max(16).optional(),
    maskId: id.optional(),
  })
  .transform((value) => Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)));

const clickBody = z.object({ impressionId: z.string().uuid() }).strict();
const pseudonym = z.string().regex(/^[0-9]{1,78}$/, 'must be a pseudonym (a decimal field element)');
const optOutBody = z.object({ pseudonym, interest: z.string() }).strict();
const list = (values: string[]) => (values.length > 0 ? values : undefined);

export type OfferRoutesOptions = {
  desk: OfferDesk;
  /** Refuses the operator routes to anyone but the merchant's operator (the service's operator tokens). */
  authenticate: (c: Context) => Promise<unknown>;
  /** Who the client is (the service's rate-limit key): clicks count only from the client shown the offer. */
  clientOf: (c: Context) => string;
};

/** @since 0.2.0 */
export function createOfferRoutes(options: OfferRoutesOptions): Hono {
  const { desk, clientOf } = options;
  const app = new Hono();

  app.use('/operator/*', async (c, next) => {
    await options.authenticate(c);
    await next();
  });

  // ?context=ID names a defined context; without it the context is the fields given (page,
  // keyword…, predicate…, mask) and the best-matching definition serves. optOut… and pseudonym take
  // interests out (docs/offers.md § Opt-out).
  app.get('/offers', (c) => {
    const named = c.req.query('context');
    const fields = {
      page: c.req.query('page'),
      keywords: list(c.req.queries('keyword') ?? []),
      provenPredicates: list(c.req.queries('predicate') ?? []),
      maskId: c.req.query('mask'),
    };
    const hasFields = Object.values(fields).some((value) => value !== undefined);
    if (named !== undefined && hasFields) {
      throw new InvalidInputError('Name a context, or give its fields, not both.', { field: 'query.context' });
    }
    if (named === undefined && !hasFields) {
      throw new InvalidInputError('Say where the offer is shown: ?context=ID, or page, keyword, predicate, mask.', {
        field: 'query.context',
      });
    }
    const context = hasFields ? parseWith(queryContext, fields, 'query') : undefined;
    const served = desk.serve({
      ...(named === undefined ? {} : { contextId: parseWith(id, named, 'query.context') }),
      ...(context ? { context } : {}),
      optOut: (c.req.queries('optOut') ?? []).map((value, index) => parseInterest(value, `query.optOut[${index}]`)),
      ...(c.req.query('pseudonym') === undefined
        ? {}
        : { pseudonym: parseWith(pseudonym, c.req.query('pseudonym'), 'query.pseudonym') }),
      source: clientOf(c),
    });
    c.header('cache-control', 'no-store');
    return c.json(served ?? { impressionId: null, offer: null, explanation: null, interests: [] });
  });

  // Anyone may send one: it can only make the offers a pseudonym sees less targeted.
  app.post('/offers/opt-outs', async (c) => {
    const body = parseWith(optOutBody, await readJson(c), 'body');
    return c.json(
      await desk.optOut({ pseudonym: body.pseudonym, interest: parseInterest(body.interest, 'body.interest') }),
    );
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
