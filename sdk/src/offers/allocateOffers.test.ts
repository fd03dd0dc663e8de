import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { allocateOffers } from './allocateOffers.ts';
import { OffersInfeasibleError } from './errors.ts';
import type { ContextSlot, CtrEstimates, Offer, OfferAllocation } from './types.ts';
import { createCtrEstimates, updateCtrEstimates } from './updateCtrEstimates.ts';

const contexts: ContextSlot[] = [
  { id: 'search-helmet', page: '/search', keywords: ['helmet'], impressions: 1000 },
  { id: 'adults', page: '/bikes', provenPredicates: ['age ≥ 18'], maskId: 'new-cyclist', impressions: 500 },
];

/** Estimates as good as known: `ctr[offer][context]`, backed by `weight` displays. */
function knownCtrs(ctr: Record<string, Record<string, number>>, weight = 1e6): CtrEstimates {
  return updateCtrEstimates({
    estimates: createCtrEstimates(),
    feedback: Object.entries(ctr).flatMap(([offerId, row]) =>
      Object.entries(row).map(([contextId, value]) => ({
        offerId,
        contextId,
        impressions: weight,
        clicks: weight * value,
      })),
    ),
  });
}

const ctrs = knownCtrs({
  helmet: { 'search-helmet': 0.05, adults: 0.01 },
  lights: { 'search-helmet': 0.01, adults: 0.04 },
});

const planned = (allocation: OfferAllocation, offerId: string, contextId: string) =>
  allocation.contexts.find((plan) => plan.contextId === contextId)?.offers.find((offer) => offer.offerId === offerId)
    ?.impressions ?? 0;

async function codeOf(
  promise: Promise<unknown>,
): Promise<{ code: string; field: string | undefined; error: DecdpError }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DecdpError)) throw new Error(`expected a DecdpError, got ${String(error)}`);
  return { code: error.code, field: error.field, error };
}

describe('allocateOffers', () => {
  it('puts each offer where it is clicked most, within quotas (LP optimum)', async () => {
    const offers: Offer[] = [
      { id: 'helmet', title: '10 % off helmets', quota: 1200 },
      { id: 'lights', title: 'Free lights', quota: 1200 },
    ];
    const plan = await allocateOffers({ offers, contexts, estimates: ctrs, explorationShare: 0 });
    expect(planned(plan, 'helmet', 'search-helmet')).toBeCloseTo(1000, 6);
    expect(planned(plan, 'lights', 'adults')).toBeCloseTo(500, 6);
    expect(planned(plan, 'helmet', 'adults')).toBe(0);
    const expected = ctrs.cells.helmet?.['search-helmet'];
    expect(expected).toBeDefined();
    // 1000 · (0.05·1e6 + 1)/(1e6 + 40) + 500 · (0.04·1e6 + 1)/(1e6 + 40)
    expect(plan.expectedClicks).toBeCloseTo(1000 * ((50_001 / 1_000_040) as number) + 500 * (40_001 / 1_000_040), 6);
    expect(plan.lp).toMatchObject({ variables: 4, constraints: 4, explorationShare: 0 });
    const shown = plan.contexts[0]?.offers[0];
    expect(shown?.explanation.reason).toBe('highest expected clicks');
    expect(shown?.explanation.context).toEqual({ page: '/search', keywords: ['helmet'] });
    expect(shown?.explanation.text).toMatchInlineSnapshot(
      `"10 % off helmets is shown on /search, after you searched “helmet”. Estimated click rate here: 5 % (50000 clicks in 1000000 displays so far). It has the most expected clicks here among offers with display quota left (it gets 100 % of the displays here). Nothing else about you was used."`,
    );
  });

  it('gives a tight quota to the context where it earns most, and leaves impressions empty when quotas run out', async () => {
    const offers: Offer[] = [
      { id: 'helmet', quota: 300 },
      { id: 'lights', quota: 300 },
    ];
    const plan = await allocateOffers({ offers, contexts, estimates: ctrs, explorationShare: 0 });
    expect(planned(plan, 'helmet', 'search-helmet')).toBeCloseTo(300, 6);
    expect(planned(plan, 'lights', 'adults')).toBeCloseTo(300, 6);
    expect(plan.contexts[0]?.filled).toBeCloseTo(300, 6);
    for (const offer of offers) {
      const total = plan.contexts.reduce((sum, context) => sum + planned(plan, offer.id, context.contextId), 0);
      expect(total).toBeLessThanOrEqual(offer.quota + 1e-6);
    }
  });

  it('keeps every offer in every context above its exploration floor, and the floor shrinks with evidence', async () => {
    const offers: Offer[] = [
      { id: 'helmet', quota: 1500 },
      { id: 'lights', quota: 1500 },
    ];
    const fresh = await allocateOffers({ offers, contexts, estimates: ctrs });
    // s · min(h_c / n_c, k_o / m_o) / √(D + 1) with D = 1e6 displays: tiny.
    expect(planned(fresh, 'helmet', 'adults')).toBeGreaterThanOrEqual(
      (0.5 * Math.min(500 / 2, 1500 / 2)) / Math.sqrt(1e6 + 1) - 1e-9,
    );
    const noEvidence = await allocateOffers({ offers, contexts, estimates: createCtrEstimates() });
    for (const context of contexts) {
      for (const offer of offers) {
        const floor = 0.5 * Math.min(context.impressions / 2, offer.quota / 2);
        expect(planned(noEvidence, offer.id, context.id)).toBeGreaterThanOrEqual(floor - 1e-6);
      }
    }
    const explored = (
      await allocateOffers({ offers, contexts, estimates: knownCtrs({ helmet: { adults: 0.001 } }, 99) })
    ).contexts[1]?.offers.find((offer) => offer.offerId === 'helmet');
    expect(explored?.floors.exploration).toBeCloseTo((0.5 * 250) / 10, 9);
    expect(explored?.explanation.reason).toBe('exploration floor');
    expect(explored?.explanation.breakdown).toEqual({
      rentalFloor: 0,
      explorationFloor: expect.closeTo(12.5, 6),
      highestExpectedClicks: expect.closeTo(0, 6),
    });
    expect(explored?.explanation.text).toContain(
      'it keeps at least 2.5 % of the displays here, a floor every offer gets',
    );
  });

  it('honours rental floors for paid placements and says so', async () => {
    const offers: Offer[] = [
      { id: 'helmet', quota: 2000 },
      { id: 'sponsor', title: 'Sponsored saddle', quota: 2000, rentals: [{ contextId: 'search-helmet', share: 0.3 }] },
    ];
    const estimates = knownCtrs({ sponsor: { 'search-helmet': 0.001, adults: 0.001 }, helmet: { adults: 0.05 } });
    const plan = await allocateOffers({ offers, contexts, estimates, explorationShare: 0 });
    const sponsor = plan.contexts[0]?.offers.find((offer) => offer.offerId === 'sponsor');
    expect(sponsor?.impressions).toBeCloseTo(300, 6);
    expect(sponsor?.explanation.reason).toBe('rental floor');
    expect(sponsor?.explanation.breakdown.rentalFloor).toBeCloseTo(300, 6);
    expect(sponsor?.explanation.text).toContain(
      'paid placement: the advertiser rents at least 30 % of the displays here',
    );
    expect(planned(plan, 'helmet', 'search-helmet')).toBeCloseTo(700, 6);
  });

  it('never shows an offer in a blocked context (ADWIZ inhibition)', async () => {
    const offers: Offer[] = [
      { id: 'helmet', quota: 2000, blockedContexts: ['adults'] },
      { id: 'lights', quota: 100 },
    ];
    const plan = await allocateOffers({ offers, contexts, estimates: knownCtrs({ helmet: { adults: 0.9 } }) });
    expect(planned(plan, 'helmet', 'adults')).toBe(0);
    expect(plan.contexts[1]?.offers.map((offer) => offer.offerId)).toEqual(['lights']);
  });

  it('explanations name only the context given, survive JSON, and cover the whole plan', async () => {
    const plan = await allocateOffers({
      offers: [
        { id: 'helmet', quota: 1000 },
        { id: 'lights', quota: 1000 },
      ],
      contexts,
      estimates: createCtrEstimates(),
    });
    for (const context of plan.contexts) {
      const sum = context.offers.reduce((total, offer) => {
        const { rentalFloor, explorationFloor, highestExpectedClicks } = offer.explanation.breakdown;
        expect(rentalFloor + explorationFloor + highestExpectedClicks).toBeCloseTo(offer.impressions, 6);
        return total + offer.share;
      }, 0);
      expect(sum).toBeCloseTo(context.filled / context.impressions, 9);
    }
    const adults = plan.contexts[1]?.offers[0]?.explanation;
    expect(adults?.context).toEqual({ page: '/bikes', provenPredicates: ['age ≥ 18'], maskId: 'new-cyclist' });
    expect(adults?.text).toContain('because you chose to prove “age ≥ 18”, while you wear the mask “new-cyclist”');
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('accepts only context the merchant already has: a hidden profile is a type error and OFFER_CONTEXT_NOT_ALLOWED', async () => {
    const offers: Offer[] = [{ id: 'helmet', quota: 10 }];
    const estimates = createCtrEstimates();
    const withProfile = allocateOffers({
      offers,
      // @ts-expect-error — `age` is not offer context (a hidden profile); only page, keywords, proven predicates, mask.
      contexts: [{ id: 'home', impressions: 10, age: 34 }],
      estimates,
    });
    const failure = await codeOf(withProfile);
    expect(failure).toMatchObject({ code: 'OFFER_CONTEXT_NOT_ALLOWED', field: 'contexts[0].age' });
    const sneaky = { id: 'home', impressions: 10, purchaseHistory: ['tent'] } as unknown as ContextSlot;
    expect(await codeOf(allocateOffers({ offers, contexts: [sneaky], estimates }))).toMatchObject({
      code: 'OFFER_CONTEXT_NOT_ALLOWED',
      field: 'contexts[0].purchaseHistory',
    });
  });

  it('plans nothing, without calling the solver, when there is nothing to place', async () => {
    const empty = await allocateOffers({ offers: [], contexts, estimates: createCtrEstimates() });
    expect(empty.contexts.map((plan) => plan.filled)).toEqual([0, 0]);
    expect(empty.expectedClicks).toBe(0);
    const none = await allocateOffers({
      offers: [{ id: 'a', quota: 5 }],
      contexts: [],
      estimates: createCtrEstimates(),
    });
    expect(none.contexts).toEqual([]);
  });

  describe('bad input has a stable code and names the field', () => {
    const estimates = createCtrEstimates();
    const cases: [string, Parameters<typeof allocateOffers>[0], string, string | undefined][] = [
      [
        'negative quota',
        { offers: [{ id: 'a', quota: -1 }], contexts, estimates },
        'VALUE_OUT_OF_RANGE',
        'offers[0].quota',
      ],
      [
        'NaN impressions',
        { offers: [{ id: 'a', quota: 1 }], contexts: [{ id: 'c', impressions: Number.NaN }], estimates },
        'VALUE_OUT_OF_RANGE',
        'contexts[0].impressions',
      ],
      [
        'rental share above 1',
        { offers: [{ id: 'a', quota: 1, rentals: [{ contextId: 'adults', share: 1.5 }] }], contexts, estimates },
        'VALUE_OUT_OF_RANGE',
        'offers[0].rentals[0].share',
      ],
      [
        'exploration share above 1',
        { offers: [{ id: 'a', quota: 1 }], contexts, estimates, explorationShare: 2 },
        'VALUE_OUT_OF_RANGE',
        'explorationShare',
      ],
      [
        'rental in an unknown context',
        { offers: [{ id: 'a', quota: 1, rentals: [{ contextId: 'checkout', share: 0.1 }] }], contexts, estimates },
        'UNKNOWN_CONTEXT',
        'offers[0].rentals[0].contextId',
      ],
      [
        'block of an unknown context',
        { offers: [{ id: 'a', quota: 1, blockedContexts: ['checkout'] }], contexts, estimates },
        'UNKNOWN_CONTEXT',
        'offers[0].blockedContexts[0]',
      ],
      [
        'rental where the offer is blocked',
        {
          offers: [{ id: 'a', quota: 1, blockedContexts: ['adults'], rentals: [{ contextId: 'adults', share: 0.1 }] }],
          contexts,
          estimates,
        },
        'INVALID_INPUT',
        'offers[0].rentals[0].contextId',
      ],
      [
        'estimates without a usable prior',
        { offers: [{ id: 'a', quota: 1 }], contexts, estimates: { prior: { alpha: 1, beta: -1 }, cells: {} } },
        'VALUE_OUT_OF_RANGE',
        'estimates.prior.beta',
      ],
      [
        'duplicate offer id',
        {
          offers: [
            { id: 'a', quota: 1 },
            { id: 'a', quota: 2 },
          ],
          contexts,
          estimates,
        },
        'INVALID_INPUT',
        'offers[1].id',
      ],
      [
        'duplicate context id',
        {
          offers: [{ id: 'a', quota: 1 }],
          contexts: [contexts[0] as ContextSlot, contexts[0] as ContextSlot],
          estimates,
        },
        'INVALID_INPUT',
        'contexts[1].id',
      ],
    ];
    it.each(cases)('%s', async (_name, parameters, code, field) => {
      expect(await codeOf(allocateOffers(parameters))).toMatchObject({ code, field });
    });
  });

  describe('floors that make the LP infeasible say which constraint', () => {
    it('rentals over-commit a context', async () => {
      const { error } = await codeOf(
        allocateOffers({
          offers: [
            { id: 'a', quota: 1000, rentals: [{ contextId: 'adults', share: 0.7 }] },
            { id: 'b', quota: 1000, rentals: [{ contextId: 'adults', share: 0.5 }] },
          ],
          contexts,
          estimates: createCtrEstimates(),
          explorationShare: 0,
        }),
      );
      expect(error).toBeInstanceOf(OffersInfeasibleError);
      expect((error as OffersInfeasibleError).constraint).toEqual({
        kind: 'context impressions',
        contextId: 'adults',
        required: expect.closeTo(600, 6),
        available: 500,
      });
      expect(error.code).toBe('OFFERS_INFEASIBLE');
      expect(error.message).toMatchInlineSnapshot(`
        "No allocation exists: the floors in context "adults" need 600 impressions but it has 500.
        Field: contexts[1].impressions
        Hint: Lower the rental shares or the exploration share, or raise the quota / impressions."
      `);
    });

    it('a rental plus exploration floors exceed an offer quota', async () => {
      const { error } = await codeOf(
        allocateOffers({
          offers: [
            { id: 'a', quota: 1000 },
            { id: 'small', quota: 100, rentals: [{ contextId: 'search-helmet', share: 0.1 }] },
          ],
          contexts,
          estimates: createCtrEstimates(),
        }),
      );
      // rental 100 in search-helmet + exploration 0.5 · min(500/2, 100/2) = 25 in adults > quota 100
      expect((error as OffersInfeasibleError).constraint).toEqual({
        kind: 'offer quota',
        offerId: 'small',
        required: expect.closeTo(125, 6),
        available: 100,
      });
      expect(error.field).toBe('offers[1].quota');
    });
  });
});
