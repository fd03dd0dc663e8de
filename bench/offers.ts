// Offer-model figures on the ADWIZ paper's set-up (sdk/src/offers/simulateOffers.ts, docs/offers.md):
// 32 ads × 128 keywords, 1,000,000 trials, the LP re-solved every 3,125, 5 seeded runs of random,
// greedy, LP, LP + exploration and the oracle LP that knows the true CTRs.
// `npx node bench/offers.ts [--plot]` prints them (`--plot` also writes docs/offers-ctr.svg);
// bench/run.ts calls measureOffers. Progress on stderr.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  ADWIZ_SEEDS,
  ADWIZ_SETUP,
  type OfferPolicy,
  type SimulationResult,
  simulateOffers,
} from '../sdk/src/offers/simulateOffers.ts';
import { loadHighsSolver } from '../sdk/src/offers/solveTransportLp.ts';
import { ctrPlotSvg } from './offersPlot.ts';
import { log, median, round } from './stats.ts';

export type OfferFigures = {
  /** Median HiGHS time of one 32 × 128 offer LP re-solve (warm-started, as served), over all LP rounds. */
  lp_solve_ms_median_32x128: number;
  /** LP + exploration expected CTR ÷ the oracle LP's (true CTRs), mean over the 5 runs. */
  offer_ctr_vs_oracle: number;
  /** LP + exploration expected CTR ÷ random allocation's, mean over the 5 runs. */
  offer_ctr_ratio_vs_random: number;
};

export const OFFER_POLICIES: readonly OfferPolicy[] = ['random', 'greedy', 'lp-no-exploration', 'lp', 'oracle'];

export async function measureOffers(options: { plot?: string } = {}): Promise<OfferFigures> {
  const started = performance.now();
  await loadHighsSolver();
  log(
    `offers: ADWIZ set-up, ${ADWIZ_SETUP.offers} ads × ${ADWIZ_SETUP.contexts} keywords, ${ADWIZ_SETUP.rounds} re-solves every ${ADWIZ_SETUP.impressionsPerRound} trials, seeds ${ADWIZ_SEEDS.join(', ')}, ${availableParallelism()} cores`,
  );
  const runs: SimulationResult[] = [];
  for (const seed of ADWIZ_SEEDS) {
    const seedStarted = performance.now();
    const result = await simulateOffers({ ...ADWIZ_SETUP, seed, policies: OFFER_POLICIES });
    runs.push(result);
    const ctrs = OFFER_POLICIES.map((policy) => `${policy} ${((result.policies[policy]?.ctr ?? 0) * 100).toFixed(2)}`);
    log(
      `  seed ${seed}: expected CTR % ${ctrs.join(', ')}; LP+exploration ÷ oracle ${result.ctrVsOracle?.toFixed(3)}, ÷ random ${result.ctrRatioVsRandom?.toFixed(2)} (${Math.round(performance.now() - seedStarted)} ms)`,
    );
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const solves = runs.flatMap((run) => run.policies.lp?.solveMs ?? []);
  const figures: OfferFigures = {
    lp_solve_ms_median_32x128: round(median(solves)),
    offer_ctr_vs_oracle: Math.round(mean(runs.map((run) => run.ctrVsOracle ?? Number.NaN)) * 1000) / 1000,
    offer_ctr_ratio_vs_random: Math.round(mean(runs.map((run) => run.ctrRatioVsRandom ?? Number.NaN)) * 100) / 100,
  };
  log(
    `  LP + exploration ${figures.offer_ctr_vs_oracle} of the oracle, ${figures.offer_ctr_ratio_vs_random}× random; HiGHS ${figures.lp_solve_ms_median_32x128} ms median over ${solves.length} re-solves; ${Math.round(performance.now() - started)} ms in all`,
  );
  if (options.plot) {
    await writeFile(
      options.plot,
      ctrPlotSvg({ runs, policies: OFFER_POLICIES, trialsPerRound: ADWIZ_SETUP.impressionsPerRound }),
    );
    log(`  wrote ${options.plot}`);
  }
  return figures;
}

if (import.meta.main) {
  const plot = process.argv.includes('--plot') ? join(import.meta.dirname, '..', 'docs', 'offers-ctr.svg') : undefined;
  const figures = await measureOffers({ plot });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
