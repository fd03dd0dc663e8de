// Offer-model figures on the ADWIZ paper's set-up (sdk/src/offers/simulateOffers.ts, docs/offers.md):
// 32 ads × 128 keywords, 1,000,000 trials, the LP re-solved every 3,125, 5 seeded runs of random,
// greedy, LP, LP + exploration and the oracle LP that knows the true CTRs.
// `npx node bench/offers.ts [--plot]` prints them (`--plot` also writes docs/offers-ctr.svg);
// bench/run.ts calls measureOffers. Progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveHttp } from '@decdp/sdk/issuer/node';
import { createMerchantService, openOfferDesk, openSqliteStore } from '@decdp/sdk/merchant/node';
import {
  ADWIZ_SEEDS,
  ADWIZ_SETUP,
  allocateOffers,
  type ClickFeedback,
  createCtrEstimates,
  createTransportLpSession,
  loadHighsSolver,
  makeAdwizWorld,
  type OfferPolicy,
  type SimulationResult,
  seededRandom,
  simulateOffers,
  updateCtrEstimates,
} from '@decdp/sdk/offers';
import { merchantSigner } from '@decdp/sdk/testing';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { runLoad } from './httpLoad.ts';
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

export type OfferServingFigures = {
  /** Public GET /offers?context=… answered per second by the merchant service (load from a second process). */
  offer_serve_rps: number;
  offer_serve_p99_ms: number;
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

/** Why LP + exploration stays below 0.95 of the oracle (docs/offers.md § Why not 0.95). */
export type OfferCeiling = {
  /** The LP solved on N uniform displays of evidence per cell (no exploration), ÷ the oracle plan; mean of the 5 worlds. */
  planVsOracleByEvidence: { displaysPerCell: number; trials: number; planVsOracle: number }[];
  /** Over the paper's 5 runs: the share of displays the exploration floors took, and their CTR ÷ the oracle's. */
  exploration: { shareOfDisplays: number; ctrVsOracle: number; restVsOracle: number };
  /** LP + exploration ÷ oracle with more trials than the paper's (seed 1). */
  byHorizon: { trials: number; lpVsOracle: number }[];
};

/**
 * The floor under offer_ctr_vs_oracle on the paper's set-up: how good a plan can be with a given
 * amount of evidence per offer × keyword cell, what exploring costs, and how the ratio grows with
 * more trials. `npx node bench/offers.ts --ceiling` (≈ 2 min on 2 shared cores).
 */
export async function measureOfferCeiling(runs?: SimulationResult[]): Promise<OfferCeiling> {
  await loadHighsSolver();
  const cells = ADWIZ_SETUP.offers * ADWIZ_SETUP.contexts;
  const planVsOracleByEvidence: OfferCeiling['planVsOracleByEvidence'] = [];
  const worlds = ADWIZ_SEEDS.map((seed) => ({ seed, world: makeAdwizWorld({ ...ADWIZ_SETUP, seed }) }));
  const session = createTransportLpSession();
  try {
    const oracleValue = new Map<number, number>();
    for (const { seed, world } of worlds) {
      const estimates = evidenceEstimates(world, () => 0, 1e12);
      const plan = await allocateOffers({ ...world, estimates, explorationShare: 0, session });
      oracleValue.set(seed, planValue(world, plan));
    }
    for (const displaysPerCell of [25, 50, 100, 244, 500, 1000, 2000, 5000]) {
      const ratios: number[] = [];
      for (const { seed, world } of worlds) {
        const estimates = evidenceEstimates(world, seededRandom(seed * 104_729 + displaysPerCell), displaysPerCell);
        const plan = await allocateOffers({ ...world, estimates, explorationShare: 0, session });
        ratios.push(planValue(world, plan) / (oracleValue.get(seed) as number));
      }
      const planVsOracle = round3(ratios.reduce((a, b) => a + b, 0) / ratios.length);
      planVsOracleByEvidence.push({ displaysPerCell, trials: displaysPerCell * cells, planVsOracle });
      log(
        `  ${displaysPerCell} displays a cell (${displaysPerCell * cells} trials of evidence): plan ÷ oracle ${planVsOracle}`,
      );
    }
  } finally {
    session.dispose();
  }
  const paperRuns = runs ?? [];
  const lp = paperRuns.map((run) => run.policies.lp).filter((result) => result !== undefined);
  const oracleCtr = paperRuns.reduce((sum, run) => sum + (run.policies.oracle?.ctr ?? 0), 0) / paperRuns.length;
  const floorImpressions = lp.reduce((sum, result) => sum + result.floorImpressions, 0);
  const floorClicks = lp.reduce((sum, result) => sum + result.floorExpectedClicks, 0);
  const impressions = lp.reduce((sum, result) => sum + result.impressions, 0);
  const clicks = lp.reduce((sum, result) => sum + result.expectedClicks, 0);
  const exploration = {
    shareOfDisplays: round3(floorImpressions / impressions),
    ctrVsOracle: round3(floorClicks / floorImpressions / oracleCtr),
    restVsOracle: round3((clicks - floorClicks) / (impressions - floorImpressions) / oracleCtr),
  };
  log(`  exploration floors: ${JSON.stringify(exploration)}`);
  const byHorizon: OfferCeiling['byHorizon'] = [];
  for (const rounds of [320, 1280, 3200]) {
    const result = await simulateOffers({ ...ADWIZ_SETUP, rounds, seed: 1, policies: ['lp', 'oracle'] });
    const trials = rounds * ADWIZ_SETUP.impressionsPerRound;
    byHorizon.push({ trials, lpVsOracle: round3(result.ctrVsOracle ?? Number.NaN) });
    log(`  ${trials} trials (seed 1): LP + exploration ÷ oracle ${byHorizon.at(-1)?.lpVsOracle}`);
  }
  return { planVsOracleByEvidence, exploration, byHorizon };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Estimates from `displays` uniform displays of every cell, clicks drawn with the true CTRs (`random` 0: exact). */
function evidenceEstimates(world: ReturnType<typeof makeAdwizWorld>, random: () => number, displays: number) {
  const feedback: ClickFeedback[] = [];
  world.offers.forEach((offer, o) => {
    world.contexts.forEach((context, c) => {
      const ctr = (world.trueCtr[o] as number[])[c] as number;
      let clicks = 0;
      if (displays >= 1e9) clicks = displays * ctr;
      else for (let index = 0; index < displays; index++) if (random() < ctr) clicks++;
      feedback.push({ offerId: offer.id, contextId: context.id, impressions: displays, clicks });
    });
  });
  return updateCtrEstimates({ estimates: createCtrEstimates(), feedback });
}

/** Expected clicks of a plan under the true CTRs. */
function planValue(world: ReturnType<typeof makeAdwizWorld>, plan: Awaited<ReturnType<typeof allocateOffers>>): number {
  const offerIndex = new Map(world.offers.map((offer, o) => [offer.id, o]));
  let value = 0;
  plan.contexts.forEach((context, c) => {
    for (const offer of context.offers) {
      value += offer.impressions * ((world.trueCtr[offerIndex.get(offer.offerId) as number] as number[])[c] as number);
    }
  });
  return value;
}

/**
 * The public offer route under load: the real merchant service (createMerchantService, rate limit
 * off as for a load test) with 16 offers × 8 contexts, autocannon in a second process cycling the
 * contexts. Every answer draws an offer, records a display and may start a background re-solve
 * (every 2,000 displays), as in production.
 */
export async function measureOfferServing(
  options: { durationSeconds?: number; connections?: number } = {},
): Promise<OfferServingFigures> {
  const durationSeconds = options.durationSeconds ?? 10;
  const connections = options.connections ?? 32;
  const artifacts = await loadNodeArtifacts();
  const dir = mkdtempSync(join(tmpdir(), 'decdp-bench-offers-'));
  // The durable desk, as served: displays and clicks batched into the merchant's SQLite file.
  const store = openSqliteStore({ path: join(dir, 'merchant.sqlite') });
  const desk = await openOfferDesk({ store });
  const app = createMerchantService({
    signer: merchantSigner(),
    name: 'Bench Shop',
    publicUrl: 'http://localhost:9/',
    store,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [],
    allowedOrigins: [],
    rateLimit: false,
    offers: { desk },
  });
  const contexts = Array.from({ length: 8 }, (_, c) => ({
    id: `context-${c}`,
    page: `/page-${c}`,
    impressions: 10_000,
  }));
  for (const context of contexts) await desk.putContext(context);
  for (let o = 0; o < 16; o++) {
    await desk.putOffer({
      id: `offer-${o}`,
      title: `Offer ${o}`,
      creative: `Offer ${o} words`,
      link: `https://shop.example/${o}`,
      quota: 6_000,
    });
  }
  const server = await serveHttp({ app });
  try {
    log(`offers: GET /offers for ${durationSeconds} s, ${connections} connections, ${availableParallelism()} cores`);
    const result = await runLoad({
      url: server.url.replace(/\/$/, ''),
      connections,
      durationSeconds,
      requests: contexts.map((context) => ({ path: `/offers?context=${context.id}` })),
    });
    const view = desk.view();
    log(
      `  ${result.ok} answered (${result.non2xx} non-2xx, ${result.errors} errors) in ${result.seconds} s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${view.totals.displays} displays, ${view.resolves} solves`,
    );
    return { offer_serve_rps: round(result.ok / result.seconds), offer_serve_p99_ms: result.latency.p99 };
  } finally {
    await server.close();
    await desk.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  if (process.argv.includes('--ceiling')) {
    const runs: SimulationResult[] = [];
    for (const seed of ADWIZ_SEEDS) {
      runs.push(await simulateOffers({ ...ADWIZ_SETUP, seed, policies: ['lp', 'oracle'] }));
      log(`  seed ${seed}: LP + exploration ÷ oracle ${runs.at(-1)?.ctrVsOracle?.toFixed(3)}`);
    }
    process.stdout.write(`${JSON.stringify(await measureOfferCeiling(runs))}\n`);
  } else if (process.argv.includes('--serve')) {
    process.stdout.write(`${JSON.stringify(await measureOfferServing())}\n`);
  } else {
    const plot = process.argv.includes('--plot')
      ? join(import.meta.dirname, '..', 'docs', 'offers-ctr.svg')
      : undefined;
    const figures = { ...(await measureOffers({ plot })), ...(await measureOfferServing()) };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  }
}
