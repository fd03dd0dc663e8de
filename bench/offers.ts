// Offer-model figures: the HiGHS solve time of the offer LP at a realistic size, and how much more
// a person is expected to click the LP's offers than randomly allocated ones, in a seeded
// simulation with click feedback (sdk/src/offers/simulateOffers.ts, docs/offers.md).
// `npx node bench/offers.ts` prints them; bench/run.ts calls measureOffers. Progress on stderr.
import { availableParallelism } from 'node:os';
import { simulateOffers } from '../sdk/src/offers/simulateOffers.ts';
import { loadHighsSolver } from '../sdk/src/offers/solveTransportLp.ts';
import { log, median, round } from './stats.ts';

export type OfferFigures = {
  /** Median HiGHS time (model build, solve, read back) of one 50 offers × 20 contexts LP. */
  lp_solve_ms_median: number;
  /** LP-with-exploration expected CTR ÷ random allocation's, same world, same impressions. */
  offer_ctr_ratio_vs_random: number;
};

/** 50 offers × 20 contexts; 200 rounds of 5,000 impressions (1,000,000 in all), one LP per round. */
export const OFFER_BENCH = { seed: 2026, offers: 50, contexts: 20, rounds: 200, impressionsPerRound: 5000 } as const;

export async function measureOffers(): Promise<OfferFigures> {
  const started = performance.now();
  await loadHighsSolver();
  log(
    `offers: ${OFFER_BENCH.offers} offers × ${OFFER_BENCH.contexts} contexts, ${OFFER_BENCH.rounds} rounds of ${OFFER_BENCH.impressionsPerRound} impressions, seed ${OFFER_BENCH.seed}, ${availableParallelism()} cores`,
  );
  const result = await simulateOffers({ ...OFFER_BENCH, policies: ['lp', 'random'] });
  const lp = result.policies.lp;
  const random = result.policies.random;
  if (!lp || !random || result.ctrRatioVsRandom === null) throw new Error('offers: the simulation did not run');
  // The first solves pay for wasm warm-up; every round's solve counts (200 of them).
  const figures = {
    lp_solve_ms_median: round(median(lp.solveMs)),
    offer_ctr_ratio_vs_random: Math.round(result.ctrRatioVsRandom * 100) / 100,
  };
  log(
    `  LP ${(lp.ctr * 100).toFixed(2)} % vs random ${(random.ctr * 100).toFixed(2)} % expected CTR (×${figures.offer_ctr_ratio_vs_random}), HiGHS ${figures.lp_solve_ms_median} ms median, min exploration slack ${lp.minExplorationSlack.toExponential(1)}, ${Math.round(performance.now() - started)} ms in all`,
  );
  return figures;
}

if (import.meta.main) {
  const figures = await measureOffers();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
