import { describe, expect, it } from 'vitest';
import { allocateOffers } from './allocateOffers.ts';
import { pickOffer } from './pickOffer.ts';
import { seededRandom } from './seededRandom.ts';
import { createCtrEstimates, updateCtrEstimates } from './updateCtrEstimates.ts';

describe('pickOffer', () => {
  it('draws offers by planned share and explains each impression by the constraint it came from', async () => {
    const estimates = updateCtrEstimates({
      estimates: createCtrEstimates(),
      feedback: [
        { offerId: 'best', contextId: 'home', impressions: 10_000, clicks: 500 },
        { offerId: 'sponsor', contextId: 'home', impressions: 10_000, clicks: 10 },
        { offerId: 'new', contextId: 'home', impressions: 0, clicks: 0 },
      ],
    });
    const allocation = await allocateOffers({
      offers: [
        { id: 'best', quota: 1000 },
        { id: 'sponsor', quota: 1000, rentals: [{ contextId: 'home', share: 0.2 }] },
        { id: 'new', quota: 1000 },
      ],
      contexts: [{ id: 'home', page: '/', impressions: 1000 }],
      estimates,
    });
    const plan = allocation.contexts[0];
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const pick = pickOffer({ allocation, contextId: 'home', random });
      const key = `${pick?.offerId}:${pick?.explanation.reason}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // new: exploration floor 0.5 · min(1000/3, 1000/1) / √1 = 166.7 of 1000; sponsor: rental 200.
    expect((counts.get('new:exploration floor') ?? 0) / draws).toBeCloseTo(1 / 6, 1);
    expect((counts.get('sponsor:rental floor') ?? 0) / draws).toBeCloseTo(0.2, 1);
    expect(plan?.offers.find((offer) => offer.offerId === 'best')?.explanation.reason).toBe('highest expected clicks');
    const share = plan?.offers.find((offer) => offer.offerId === 'best')?.share ?? 0;
    const best = [...counts].filter(([key]) => key.startsWith('best:')).reduce((sum, [, count]) => sum + count, 0);
    expect(best / draws).toBeCloseTo(share, 1);
  });

  it('leaves the impression empty when quotas ran out, and refuses an unknown context', async () => {
    const allocation = await allocateOffers({
      offers: [{ id: 'only', quota: 10 }],
      contexts: [{ id: 'home', impressions: 100 }],
      estimates: createCtrEstimates(),
    });
    expect(pickOffer({ allocation, contextId: 'home', random: () => 0.5 })).toBeNull();
    expect(pickOffer({ allocation, contextId: 'home', random: () => 0.05 })?.offerId).toBe('only');
    expect(() => pickOffer({ allocation, contextId: 'checkout' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_CONTEXT' }),
    );
  });
});
