// The offer routes on the real merchant service over HTTP (127.0.0.1, a free port). The client is
// named by an x-client header here, as a proxy would, so one test can be several clients.
import { randomUUID } from 'node:crypto';
import { serveHttp } from '@decdp/sdk/issuer/node';
import type { OfferDeskView, ServedOffer } from '@decdp/sdk/merchant';
import {
  createMerchantService,
  createOfferDesk,
  createOperatorToken,
  type MerchantStore,
  openSqliteStore,
} from '@decdp/sdk/merchant/node';
import { merchantSigner } from '@decdp/sdk/testing';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let token: string;
let readOnlyToken: string;
let store: MerchantStore;
let server: Awaited<ReturnType<typeof serveHttp>>;
let desk: ReturnType<typeof createOfferDesk>;

const call = async (
  path: string,
  init: { method?: string; body?: unknown; client?: string; auth?: string | null } = {},
) => {
  const headers: Record<string, string> = { 'x-client': init.client ?? 'person-a' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.auth !== null && path.startsWith('/operator')) headers.authorization = `Bearer ${init.auth ?? token}`;
  const response = await fetch(new URL(path.slice(1), server.url), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const errorOf = (body: Record<string, unknown>) => body.error as { code: string; field?: string };

const helmet = {
  id: 'helmet-10',
  title: '10 % off helmets',
  creative: 'Ten percent off every helmet this week.',
  link: 'https://shop.example/helmets',
  quota: 3000,
};
const saddle = {
  id: 'saddle',
  title: 'Sponsored: saddles',
  creative: 'Saddles for long rides.',
  link: 'https://shop.example/saddles',
  quota: 1000,
  rentals: [{ contextId: 'search-helmet', share: 0.1 }],
};

beforeAll(async () => {
  const artifacts = await loadNodeArtifacts();
  desk = createOfferDesk({ resolveEverySeconds: 0, resolveAfterDisplays: 1_000_000 });
  store = openSqliteStore({ path: ':memory:' });
  // The merchant store's operator tokens (`decdp-merchant tokens create`), as for every admin route.
  token = (await createOperatorToken({ store, name: 'offers test' })).token;
  readOnlyToken = (await createOperatorToken({ store, name: 'records only', scopes: ['records:read'] })).token;
  const app = createMerchantService({
    signer: merchantSigner(),
    name: 'Bike Shop',
    publicUrl: 'http://localhost:9/',
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [],
    allowedOrigins: ['http://localhost:5173'],
    rateLimit: false,
    clientOf: (c) => c.req.header('x-client') ?? 'unknown',
    offers: { desk },
  });
  server = await serveHttp({ app });
});

afterAll(async () => {
  await server?.close();
  await desk?.close();
  await store?.close();
});

describe('offer routes on the merchant service', () => {
  it('keeps the operator routes for the operator', async () => {
    for (const auth of [null, 'wrong-token', `${token}x`]) {
      const response = await call('/operator/offers', { auth });
      expect(response.status).toBe(401);
      expect(errorOf(response.body).code).toBe('UNAUTHORIZED');
    }
    const refused = await call('/operator/offers', { body: helmet, auth: null });
    expect(refused.status).toBe(401);
    // A real token without campaigns:write: forbidden, nothing defined.
    const scoped = await call('/operator/offers', { body: helmet, auth: readOnlyToken });
    expect([scoped.status, errorOf(scoped.body).code]).toEqual([403, 'FORBIDDEN']);
    expect(((await call('/operator/offers')).body as OfferDeskView).offers).toEqual([]);
  });

  it('defines contexts and offers, then serves one offer with its explanation', async () => {
    for (const context of [
      { id: 'search-helmet', page: '/search', keywords: ['helmet'], provenPredicates: ['age ≥ 18'], impressions: 2000 },
      { id: 'home', page: '/', impressions: 1500 },
    ]) {
      expect((await call('/operator/offer-contexts', { body: context })).status).toBe(200);
    }
    expect((await call('/operator/offers', { body: helmet })).status).toBe(200);
    const defined = await call('/operator/offers', { body: saddle });
    expect(defined.status).toBe(200);
    const view = defined.body as OfferDeskView;
    expect(view.offers.map((offer) => offer.id).sort()).toEqual(['helmet-10', 'saddle']);
    expect(view.plan?.cells.length).toBeGreaterThanOrEqual(3);
    expect(view.estimates).toHaveLength(4);
    for (const estimate of view.estimates) {
      expect(estimate.interval.low).toBeLessThan(estimate.ctr);
      expect(estimate.interval.high).toBeGreaterThan(estimate.ctr);
    }

    const served = await call('/offers?context=search-helmet');
    expect(served.status).toBe(200);
    const { impressionId, offer, explanation } = served.body as ServedOffer;
    expect(impressionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(['helmet-10', 'saddle']).toContain(offer.id);
    expect(offer.link).toMatch(/^https:\/\/shop\.example\//);
    expect(explanation.contextId).toBe('search-helmet');
    expect(explanation.context).toEqual({ page: '/search', keywords: ['helmet'], provenPredicates: ['age ≥ 18'] });
    expect(explanation.estimate.ctr).toBeGreaterThan(0);
    expect(explanation.ctrInterval.level).toBe(0.95);
    expect(['highest expected clicks', 'exploration floor', 'rental floor']).toContain(explanation.reason);
    expect(explanation.text).toContain('Nothing else about you was used.');
  });

  it('refuses bad input with typed errors naming the field', async () => {
    const unknown = await call('/offers?context=checkout');
    expect([unknown.status, errorOf(unknown.body).code, errorOf(unknown.body).field]).toEqual([
      404,
      'UNKNOWN_CONTEXT',
      'query.context',
    ]);
    const missing = await call('/offers');
    expect([missing.status, errorOf(missing.body).field]).toEqual([400, 'query.context']);

    // A hidden profile is not context.
    const profile = await call('/operator/offer-contexts', { body: { id: 'home', impressions: 10, age: 34 } });
    expect([profile.status, errorOf(profile.body).code]).toEqual([400, 'INVALID_INPUT']);

    const negative = await call('/operator/offers', { body: { ...helmet, id: 'bad', quota: -1 } });
    expect([negative.status, errorOf(negative.body).field]).toEqual([400, 'body.quota']);

    const elsewhere = await call('/operator/offers', {
      body: { ...saddle, id: 'gloves', rentals: [{ contextId: 'checkout', share: 0.2 }] },
    });
    expect([elsewhere.status, errorOf(elsewhere.body).code, errorOf(elsewhere.body).field]).toEqual([
      404,
      'UNKNOWN_CONTEXT',
      'body.rentals[0].contextId',
    ]);

    // Rentals of 10 % + 95 % of one context cannot both hold: refused, and nothing changes.
    const greedy = await call('/operator/offers', {
      body: { ...saddle, id: 'lights', quota: 5000, rentals: [{ contextId: 'search-helmet', share: 0.95 }] },
    });
    expect([greedy.status, errorOf(greedy.body).code]).toEqual([409, 'OFFERS_INFEASIBLE']);
    const view = (await call('/operator/offers')).body as OfferDeskView;
    expect(view.offers.map((offer) => offer.id).sort()).toEqual(['helmet-10', 'saddle']);
  });

  it('counts a click once, only for an offer shown to that client, and rate-limits a flood', async () => {
    const before = ((await call('/operator/offers')).body as OfferDeskView).totals;
    const never = await call('/offers/clicks', { body: { impressionId: randomUUID() } });
    expect([never.status, errorOf(never.body).code]).toEqual([422, 'OFFER_NOT_SHOWN']);

    // On search-helmet: the home page's evidence stays for the re-solve test below.
    const served = (await call('/offers?context=search-helmet', { client: 'person-b' })).body as ServedOffer;
    const stolen = await call('/offers/clicks', { body: { impressionId: served.impressionId }, client: 'person-c' });
    expect([stolen.status, errorOf(stolen.body).code]).toEqual([422, 'OFFER_NOT_SHOWN']);
    const first = await call('/offers/clicks', { body: { impressionId: served.impressionId }, client: 'person-b' });
    const again = await call('/offers/clicks', { body: { impressionId: served.impressionId }, client: 'person-b' });
    expect([first.status, first.body]).toEqual([200, { counted: true }]);
    expect([again.status, again.body]).toEqual([200, { counted: false }]);

    // A bot: 40 displays, then clicks on all of them as fast as it can.
    const shown: string[] = [];
    for (let index = 0; index < 40; index++) {
      shown.push(((await call('/offers?context=search-helmet', { client: 'bot' })).body as ServedOffer).impressionId);
    }
    const statuses: number[] = [];
    for (const impressionId of [...shown, ...shown]) {
      statuses.push((await call('/offers/clicks', { body: { impressionId }, client: 'bot' })).status);
    }
    const counted = statuses.filter((status) => status === 200).length;
    expect(counted).toBe(20); // the default limit: 20 clicks a minute a client
    expect(statuses.filter((status) => status === 429)).toHaveLength(60);
    const after = ((await call('/operator/offers')).body as OfferDeskView).totals;
    expect(after.clicks - before.clicks).toBe(1 + 20);
    expect(after.displays - before.displays).toBe(41);
    // The estimates hold exactly the counted clicks.
    const clicks = ((await call('/operator/offers')).body as OfferDeskView).estimates.reduce(
      (sum, estimate) => sum + estimate.clicks,
      0,
    );
    expect(clicks).toBe(after.clicks);
  });

  it('moves the plan toward the offer people click after a re-solve', async () => {
    const shareOf = (view: OfferDeskView, offerId: string) =>
      view.plan?.cells.find((cell) => cell.offerId === offerId && cell.contextId === 'home')?.share ?? 0;
    const before = (await call('/operator/offers/resolve', { body: {} })).body as OfferDeskView;
    // Saddles get clicked on the home page, helmets do not.
    for (let person = 0; person < 60; person++) {
      const client = `visitor-${person}`;
      for (let view = 0; view < 10; view++) {
        const served = (await call('/offers?context=home', { client })).body as ServedOffer;
        if (served.offer?.id === 'saddle' && view < 4) {
          await call('/offers/clicks', { body: { impressionId: served.impressionId }, client });
        }
      }
    }
    const after = (await call('/operator/offers/resolve', { body: {} })).body as OfferDeskView;
    expect(after.resolves).toBeGreaterThan(before.resolves);
    expect(shareOf(after, 'saddle')).toBeGreaterThan(shareOf(before, 'saddle'));
    const saddleHome = after.estimates.find((e) => e.offerId === 'saddle' && e.contextId === 'home');
    const helmetHome = after.estimates.find((e) => e.offerId === 'helmet-10' && e.contextId === 'home');
    expect(saddleHome?.ctr).toBeGreaterThan(helmetHome?.ctr ?? 1);
  });
});

describe('offers for what the person has, and interest opt-outs', () => {
  it('serves the best-matching context for given fields and never uses an opted-out interest', async () => {
    // Defined above: search-helmet (page /search, keyword helmet, proven age ≥ 18) and home (page /).
    await call('/operator/offer-contexts', { body: { id: 'search', page: '/search', impressions: 400 } });
    const fields = '/offers?page=%2Fsearch&keyword=helmet&keyword=red&predicate=age%20%E2%89%A5%2018';
    const matched = (await call(fields, { client: 'person-m' })).body as ServedOffer;
    expect(matched.explanation.contextId).toBe('search-helmet');
    expect(matched.interests).toEqual(['page:/search', 'keyword:helmet', 'predicate:age ≥ 18']);

    // The person opts out of what they proved: the desk falls back to a context without it.
    const optOut = encodeURIComponent('predicate:age ≥ 18');
    for (const path of [`${fields}&optOut=${optOut}`, `/offers?context=search-helmet&optOut=${optOut}`]) {
      for (let index = 0; index < 20; index++) {
        const served = (await call(path, { client: 'person-m' })).body as ServedOffer;
        expect(served.explanation.contextId).toBe('search');
        expect(served.interests).toEqual(['page:/search']);
        expect(JSON.stringify(served)).not.toContain('age ≥ 18');
      }
    }
    // Opting out of the page too leaves no context that fits: nothing is shown.
    const nothing = await call(`${fields}&optOut=${optOut}&optOut=page%3A%2Fsearch`, { client: 'person-m' });
    expect(nothing.body).toEqual({ impressionId: null, offer: null, explanation: null, interests: [] });

    // Kept per pseudonym: the merchant's own site (which knows the pseudonym) stops using it too.
    const pseudonym = '1234567890123456789';
    const saved = await call('/offers/opt-outs', { body: { pseudonym, interest: 'predicate:age ≥ 18' } });
    expect([saved.status, saved.body]).toEqual([200, { saved: true }]);
    expect((await call('/offers/opt-outs', { body: { pseudonym, interest: 'predicate:age ≥ 18' } })).body).toEqual({
      saved: false,
    });
    const forPseudonym = (await call(`/offers?context=search-helmet&pseudonym=${pseudonym}`)).body as ServedOffer;
    expect(forPseudonym.explanation.contextId).toBe('search');
    const forOthers = (await call('/offers?context=search-helmet&pseudonym=42')).body as ServedOffer;
    expect(forOthers.explanation.contextId).toBe('search-helmet');
    const view = (await call('/operator/offers')).body as OfferDeskView;
    expect(view.optOuts).toEqual([{ interest: 'predicate:age ≥ 18', people: 1 }]);
    expect(JSON.stringify(view)).not.toContain(pseudonym);
  });

  it('refuses malformed context, opt-outs and pseudonyms with typed errors', async () => {
    const both = await call('/offers?context=home&page=%2F');
    expect([both.status, errorOf(both.body).code, errorOf(both.body).field]).toEqual([
      400,
      'INVALID_INPUT',
      'query.context',
    ]);
    const badInterest = await call('/offers?context=home&optOut=age%3A34');
    expect([badInterest.status, errorOf(badInterest.body).field]).toEqual([400, 'query.optOut[0]']);
    const badPseudonym = await call('/offers?context=home&pseudonym=anna');
    expect([badPseudonym.status, errorOf(badPseudonym.body).field]).toEqual([400, 'query.pseudonym']);
    const badOptOut = await call('/offers/opt-outs', { body: { pseudonym: '1', interest: 'birthdate:1990-01-01' } });
    expect([badOptOut.status, errorOf(badOptOut.body).field]).toEqual([400, 'body.interest']);
    // An interest no context uses is refused: sending it would tell the merchant something new.
    const unused = await call('/offers/opt-outs', { body: { pseudonym: '1', interest: 'keyword:rash cream' } });
    expect([unused.status, errorOf(unused.body).code, errorOf(unused.body).field]).toEqual([
      404,
      'UNKNOWN_CONTEXT',
      'body.interest',
    ]);
    expect(((await call('/operator/offers')).body as OfferDeskView).optOuts).toEqual([
      { interest: 'predicate:age ≥ 18', people: 1 },
    ]);
    const extra = await call('/offers/opt-outs', { body: { pseudonym: '1', interest: 'mask:x', age: 34 } });
    expect([extra.status, errorOf(extra.body).code]).toEqual([400, 'INVALID_INPUT']);
  });
});

describe('createOfferDesk re-solves without blocking serving', () => {
  it('re-solves in the background after enough displays, and on drift', async () => {
    const background = createOfferDesk({ resolveEverySeconds: 0, resolveAfterDisplays: 50, random: () => 0.5 });
    try {
      await background.putContext({ id: 'home', impressions: 1000 });
      await background.putOffer({ ...helmet, quota: 600 });
      await background.putOffer({ ...saddle, quota: 600, rentals: [] });
      const solved = background.view().resolves;
      for (let index = 0; index < 49; index++)
        expect(background.serve({ contextId: 'home', source: 's' })).not.toBeNull();
      expect(background.view().resolves).toBe(solved);
      // The 50th display starts a re-solve; serving answers at once, from the last plan.
      expect(background.serve({ contextId: 'home', source: 's' })).not.toBeNull();
      expect(background.serve({ contextId: 'home', source: 's' })).not.toBeNull();
      await background.settled();
      expect(background.view().resolves).toBe(solved + 1);
      expect(background.view().plan?.reason).toBe('displays');

      // Drift: clicks far above the interval the plan used start a re-solve.
      const driftDesk = createOfferDesk({ resolveEverySeconds: 0, clickRateLimit: { max: 1000 } });
      await driftDesk.putContext({ id: 'home', impressions: 1000 });
      await driftDesk.putOffer({ ...helmet, quota: 2000 });
      const start = driftDesk.view().resolves;
      for (let index = 0; index < 40; index++) {
        const served = driftDesk.serve({ contextId: 'home', source: 's' });
        if (served) driftDesk.click({ impressionId: served.impressionId, source: 's' });
      }
      await driftDesk.settled();
      expect(driftDesk.view().resolves).toBeGreaterThan(start);
      expect(driftDesk.view().plan?.reason).toBe('drift');
      await driftDesk.close();
    } finally {
      await background.close();
    }
  });
});
