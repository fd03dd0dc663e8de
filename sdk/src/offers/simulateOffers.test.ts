import { describe, expect, it } from 'vitest';
import { simulateOffers } from './simulateOffers.ts';

describe('simulateOffers (seeded)', () => {
  it('the LP with exploration beats random allocation on expected clicks and honours every exploration floor', async () => {
    const parameters = { seed: 7, offers: 12, contexts: 6, rounds: 40, impressionsPerRound: 3000 } as const;
    const result = await simulateOffers({ ...parameters, policies: ['lp', 'random', 'oracle'] });
    const { lp, random, oracle } = result.policies;
    if (!lp || !random || !oracle) throw new Error('missing policy');
    expect(lp.impressions).toBeGreaterThan(0.99 * 40 * 3000);
    expect(random.impressions).toBeGreaterThan(0.99 * 40 * 3000);
    expect(result.ctrRatioVsRandom).toBeGreaterThan(1.3);
    expect(lp.ctr).toBeLessThanOrEqual(oracle.ctr * 1.001);
    expect(lp.minExplorationSlack).toBeGreaterThanOrEqual(-1e-6);
    expect(lp.solveMs).toHaveLength(40);
    // Same seed, same world, same draws.
    const again = await simulateOffers({ ...parameters, policies: ['lp', 'random'] });
    expect(again.policies.lp?.clicks).toBe(lp.clicks);
    expect(again.ctrRatioVsRandom).toBe(result.ctrRatioVsRandom);
  });

  it('exploration floors pay off when the prior is pessimistic (the LP alone starves untried offers)', async () => {
    const result = await simulateOffers({
      seed: 7,
      offers: 12,
      contexts: 6,
      rounds: 40,
      impressionsPerRound: 3000,
      prior: { alpha: 1, beta: 199 },
      policies: ['lp', 'lp-no-exploration'],
    });
    const { lp, 'lp-no-exploration': greedy } = result.policies;
    expect(lp?.ctr).toBeGreaterThan((greedy?.ctr ?? 0) * 1.02);
  });
});
