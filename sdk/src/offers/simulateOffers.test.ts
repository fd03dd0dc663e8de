import { describe, expect, it } from 'vitest';
import { ADWIZ_SETUP, makeAdwizWorld, simulateOffers } from './simulateOffers.ts';

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

describe('simulateOffers on the ADWIZ set-up (shortened)', () => {
  it('builds the paper world: 32 ads × 128 keywords in groups of 4 with click ratios 1:2:3:4, quotas = traffic', () => {
    const world = makeAdwizWorld({ ...ADWIZ_SETUP, seed: 1 });
    expect(world.offers).toHaveLength(32);
    expect(world.contexts).toHaveLength(128);
    const traffic = world.contexts.reduce((sum, context) => sum + context.impressions, 0);
    const quotas = world.offers.reduce((sum, offer) => sum + offer.quota, 0);
    expect(traffic).toBeCloseTo(3125, 6);
    expect(quotas).toBeCloseTo(3125, 6);
    for (const [o, row] of world.trueCtr.entries()) {
      for (let group = 0; group < 32; group++) {
        const cells = row.slice(4 * group, 4 * group + 4);
        const smallest = Math.min(...cells);
        expect(cells.map((ctr) => Math.round(ctr / smallest)).sort()).toEqual([1, 2, 3, 4]);
        // Rotated by ad: ad o's best keyword in each group is (3 − o) mod 4.
        expect(cells.indexOf(Math.max(...cells))).toBe((((3 - o) % 4) + 4) % 4);
      }
    }
  });

  it('orders the policies as ADWIZ reports: oracle ≥ LP + exploration > random, and greedy/LP learn', async () => {
    const result = await simulateOffers({
      ...ADWIZ_SETUP,
      seed: 3,
      rounds: 24,
      policies: ['random', 'greedy', 'lp-no-exploration', 'lp', 'oracle'],
    });
    const { random, greedy, lp, oracle, 'lp-no-exploration': lpAlone } = result.policies;
    if (!random || !greedy || !lp || !oracle || !lpAlone) throw new Error('missing policy');
    expect(lp.ctrByRound).toHaveLength(24);
    expect(lp.impressions).toBeGreaterThan(0.99 * 24 * 3125);
    expect(lp.ctr).toBeGreaterThan(1.2 * random.ctr);
    expect(greedy.ctr).toBeGreaterThan(random.ctr);
    expect(lpAlone.ctr).toBeGreaterThan(random.ctr);
    expect(lp.ctr).toBeLessThanOrEqual(oracle.ctr * 1.001);
    expect(result.ctrVsOracle).toBeCloseTo(lp.ctr / oracle.ctr, 12);
    expect(lp.minExplorationSlack).toBeGreaterThanOrEqual(-1e-6);
    // The oracle's estimates never move: one solve serves every round.
    expect(oracle.solveMs).toHaveLength(1);
    // Learning: the last rounds beat the first ones.
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(lp.ctrByRound.slice(-6))).toBeGreaterThan(mean(lp.ctrByRound.slice(0, 6)));
  });
});
