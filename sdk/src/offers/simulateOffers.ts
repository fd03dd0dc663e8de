// A seeded simulation of the offer model against a made-up world with known CTRs (docs/offers.md):
// each round a policy plans the round's impressions, displays are drawn, clicks are drawn from the
// true CTRs, and learning policies feed the clicks back. Expected clicks are scored with the true
// CTRs, so the comparison does not depend on click luck. Used by the tests and bench/offers.ts.
import { allocateOffers } from './allocateOffers.ts';
import { seededRandom } from './seededRandom.ts';
import { createTransportLpSession } from './solveTransportLp.ts';
import type { ContextSlot, CtrEstimates, CtrPrior, Offer } from './types.ts';
import { type ClickFeedback, createCtrEstimates, estimateCtr, updateCtrEstimates } from './updateCtrEstimates.ts';

/**
 * `random`: each impression drawn in proportion to quota; `greedy`: the highest estimated CTRs
 * first, each cell filled as far as its context and quota allow (no LP, no exploration);
 * `lp-no-exploration`: the LP alone; `lp`: the LP with exploration floors; `oracle`: the LP told
 * the true CTRs (the ceiling, not a policy).
 */
export type OfferPolicy = 'random' | 'greedy' | 'lp-no-exploration' | 'lp' | 'oracle';

/**
 * `adwiz`: the ADWIZ paper's set-up (keywords in groups of 4 whose click ratios are 1:2:3:4 for
 * each ad, quotas summing to the traffic); `zipf`: Zipf-like traffic, uneven quotas (125 % of
 * traffic), CTRs in ratios 1:2:3:4 with noise.
 */
export type OfferWorldKind = 'adwiz' | 'zipf';

/**
 * The ADWIZ paper's simulation: 32 ads × 128 keywords (32 groups of 4), 1,000,000 trials, the LP
 * re-solved every 3,125 trials (320 rounds); the paper ran it 5 times (`ADWIZ_SEEDS`).
 */
export const ADWIZ_SETUP = {
  world: 'adwiz',
  offers: 32,
  contexts: 128,
  rounds: 320,
  impressionsPerRound: 3125,
} as const satisfies Partial<SimulateOffersParameters>;

export const ADWIZ_SEEDS = [1, 2, 3, 4, 5] as const;

export type SimulateOffersParameters = {
  seed: number;
  /** Default `zipf`. */
  world?: OfferWorldKind;
  offers: number;
  contexts: number;
  rounds: number;
  /** Impressions (trials) over all contexts in one round (one LP re-solve per round). */
  impressionsPerRound: number;
  policies?: readonly OfferPolicy[];
  prior?: CtrPrior;
  /** For `lp`; default allocateOffers' (0.5). */
  explorationShare?: number;
};

export type PolicyResult = {
  impressions: number;
  /** Σ displays · true CTR. */
  expectedClicks: number;
  /** expectedClicks / impressions. */
  ctr: number;
  /** Clicks actually drawn. */
  clicks: number;
  /** Expected CTR of each round's displays, for plots of CTR over trials. */
  ctrByRound: number[];
  /** HiGHS time per solve (LP policies; the oracle solves once). */
  solveMs: number[];
  /** Smallest planned x − exploration floor over all rounds and pairs (≥ 0: floors honoured). */
  minExplorationSlack: number;
  /** Planned impressions the exploration floors required (`lp`), and their expected clicks: the price of exploring. */
  floorImpressions: number;
  floorExpectedClicks: number;
};

export type OfferWorld = { offers: Offer[]; contexts: ContextSlot[]; trueCtr: number[][] };

export type SimulationResult = {
  policies: Partial<Record<OfferPolicy, PolicyResult>>;
  /** lp ÷ random expected CTR, when both ran. */
  ctrRatioVsRandom: number | null;
  /** lp ÷ oracle expected CTR, when both ran. */
  ctrVsOracle: number | null;
  world: OfferWorld;
};

type WorldParameters = { seed: number; offers: number; contexts: number; impressionsPerRound: number };

/** The zipf world: Zipf-like context traffic, uneven quotas (125 % of traffic), CTRs in ratios 1:2:3:4. */
export function makeOfferWorld(parameters: WorldParameters): OfferWorld {
  const random = seededRandom(parameters.seed);
  const { offers: n, contexts: m, impressionsPerRound } = parameters;
  const weights = Array.from({ length: m }, (_, c) => 1 / (c + 1) ** 0.7);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const contexts: ContextSlot[] = weights.map((weight, c) => ({
    id: `context-${c}`,
    page: `/page-${c % 5}`,
    keywords: [`keyword-${c}`],
    impressions: (impressionsPerRound * weight) / weightSum,
  }));
  const raw = Array.from({ length: n }, () => 0.5 + 1.5 * random());
  const rawSum = raw.reduce((a, b) => a + b, 0);
  const offers: Offer[] = raw.map((value, o) => ({
    id: `offer-${o}`,
    title: `Offer ${o}`,
    quota: (1.25 * impressionsPerRound * value) / rawSum,
  }));
  const trueCtr = offers.map((_, o) =>
    contexts.map((_, c) => 0.01 * (1 + ((o + Math.floor((4 * c) / m)) % 4)) * (0.7 + 0.6 * random())),
  );
  return { offers, contexts, trueCtr };
}

/**
 * The ADWIZ world: keywords in groups of 4; for every ad the 4 keywords of a group have click rates
 * in ratios 1:2:3:4 (rotated by ad, so ads compete for different keywords), times a base rate per
 * ad and group in [0.5 %, 1.5 %). Keyword frequencies vary by ±50 %; quotas sum to the traffic,
 * as in ADWIZ's equalities.
 */
export function makeAdwizWorld(parameters: WorldParameters): OfferWorld {
  const random = seededRandom(parameters.seed);
  const { offers: n, contexts: m, impressionsPerRound } = parameters;
  const share = (values: number[]) => {
    const sum = values.reduce((a, b) => a + b, 0);
    return values.map((value) => (impressionsPerRound * value) / sum);
  };
  const frequencies = share(Array.from({ length: m }, () => 0.5 + random()));
  const contexts: ContextSlot[] = frequencies.map((impressions, c) => ({
    id: `keyword-${c}`,
    keywords: [`keyword-${c}`],
    impressions,
  }));
  const quotas = share(Array.from({ length: n }, () => 0.5 + random()));
  const offers: Offer[] = quotas.map((quota, o) => ({ id: `ad-${o}`, title: `Ad ${o}`, quota }));
  const groups = Math.ceil(m / 4);
  const base = offers.map(() => Array.from({ length: groups }, () => 0.01 * (0.5 + random())));
  const trueCtr = offers.map((_, o) =>
    contexts.map((_, c) => ((base[o] as number[])[Math.floor(c / 4)] as number) * (1 + ((c + o) % 4))),
  );
  return { offers, contexts, trueCtr };
}

/**
 * Runs each policy on the same seeded world.
 *
 * @example
 * const result = await simulateOffers({ ...ADWIZ_SETUP, seed: 1, policies: ['random', 'lp', 'oracle'] });
 * result.ctrVsOracle; // ≈ 0.95
 */
export async function simulateOffers(parameters: SimulateOffersParameters): Promise<SimulationResult> {
  const world = parameters.world === 'adwiz' ? makeAdwizWorld(parameters) : makeOfferWorld(parameters);
  const policies = parameters.policies ?? ['lp', 'lp-no-exploration', 'random'];
  const results: Partial<Record<OfferPolicy, PolicyResult>> = {};
  for (const [index, policy] of policies.entries()) {
    results[policy] = await runPolicy(policy, world, parameters, seededRandom(parameters.seed * 7919 + index + 1));
  }
  const { lp, random, oracle } = results;
  return {
    policies: results,
    ctrRatioVsRandom: lp && random && random.ctr > 0 ? lp.ctr / random.ctr : null,
    ctrVsOracle: lp && oracle && oracle.ctr > 0 ? lp.ctr / oracle.ctr : null,
    world,
  };
}

async function runPolicy(
  policy: OfferPolicy,
  world: OfferWorld,
  parameters: SimulateOffersParameters,
  random: () => number,
): Promise<PolicyResult> {
  const { offers, contexts, trueCtr } = world;
  const explorationShare = policy === 'lp' ? (parameters.explorationShare ?? 0.5) : 0;
  let estimates = createCtrEstimates(parameters.prior ? { prior: parameters.prior } : {});
  const learns = policy === 'lp' || policy === 'lp-no-exploration' || policy === 'greedy';
  if (policy === 'oracle') {
    // Evidence so heavy that the posterior mean is the true CTR.
    const weight = 1e12;
    estimates = updateCtrEstimates({
      estimates,
      feedback: offers.flatMap((offer, o) =>
        contexts.map((context, c) => ({
          offerId: offer.id,
          contextId: context.id,
          impressions: weight,
          clicks: weight * ((trueCtr[o] as number[])[c] as number),
        })),
      ),
    });
  }
  const result: PolicyResult = {
    impressions: 0,
    expectedClicks: 0,
    ctr: 0,
    clicks: 0,
    ctrByRound: [],
    solveMs: [],
    minExplorationSlack: Number.POSITIVE_INFINITY,
    floorImpressions: 0,
    floorExpectedClicks: 0,
  };
  const session = createTransportLpSession();
  const offerIndex = new Map(offers.map((offer, o) => [offer.id, o]));
  let planned: number[][] = [];
  try {
    for (let round = 0; round < parameters.rounds; round++) {
      if (policy === 'random') planned = randomPlan(world, parameters.impressionsPerRound);
      else if (policy === 'greedy') planned = greedyPlan(world, estimates);
      else if (policy !== 'oracle' || round === 0) {
        // The oracle's estimates never change, so neither does its plan.
        const allocation = await allocateOffers({ offers, contexts, estimates, explorationShare, session });
        result.solveMs.push(allocation.lp.solveMs);
        planned = offers.map(() => contexts.map(() => 0));
        allocation.contexts.forEach((plan, c) => {
          for (const offer of plan.offers)
            (planned[offerIndex.get(offer.offerId) as number] as number[])[c] = offer.impressions;
        });
        if (policy === 'lp') checkFloors(result, world, estimates, planned, explorationShare);
      }
      const feedback: ClickFeedback[] = [];
      let roundImpressions = 0;
      let roundExpected = 0;
      offers.forEach((offer, o) => {
        contexts.forEach((context, c) => {
          const x = (planned[o] as number[])[c] as number;
          const shown = Math.floor(x) + (random() < x - Math.floor(x) ? 1 : 0);
          if (shown === 0) return;
          const ctr = (trueCtr[o] as number[])[c] as number;
          let clicks = 0;
          for (let i = 0; i < shown; i++) if (random() < ctr) clicks++;
          roundImpressions += shown;
          roundExpected += shown * ctr;
          result.clicks += clicks;
          feedback.push({ offerId: offer.id, contextId: context.id, impressions: shown, clicks });
        });
      });
      result.impressions += roundImpressions;
      result.expectedClicks += roundExpected;
      result.ctrByRound.push(roundImpressions > 0 ? roundExpected / roundImpressions : 0);
      if (learns) estimates = updateCtrEstimates({ estimates, feedback });
    }
  } finally {
    session.dispose();
  }
  result.ctr = result.impressions > 0 ? result.expectedClicks / result.impressions : 0;
  return result;
}

function randomPlan(world: OfferWorld, impressionsPerRound: number): number[][] {
  const totalQuota = world.offers.reduce((sum, offer) => sum + offer.quota, 0);
  const scale = Math.max(totalQuota, impressionsPerRound);
  return world.offers.map((offer) => world.contexts.map((context) => (context.impressions * offer.quota) / scale));
}

/** Highest estimated CTR first; each cell takes what its context and its quota have left. */
function greedyPlan(world: OfferWorld, estimates: CtrEstimates): number[][] {
  const { offers, contexts } = world;
  const cells: { o: number; c: number; ctr: number }[] = [];
  offers.forEach((offer, o) => {
    contexts.forEach((context, c) => {
      cells.push({ o, c, ctr: estimateCtr({ estimates, offerId: offer.id, contextId: context.id }).ctr });
    });
  });
  cells.sort((a, b) => b.ctr - a.ctr);
  const contextLeft = contexts.map((context) => context.impressions);
  const quotaLeft = offers.map((offer) => offer.quota);
  const planned = offers.map(() => contexts.map(() => 0));
  for (const { o, c } of cells) {
    const x = Math.min(contextLeft[c] as number, quotaLeft[o] as number);
    if (x <= 0) continue;
    (planned[o] as number[])[c] = x;
    contextLeft[c] = (contextLeft[c] as number) - x;
    quotaLeft[o] = (quotaLeft[o] as number) - x;
  }
  return planned;
}

/** The floors, checked independently of allocateOffers: x_oc ≥ s·min(h_c/n, k_o/m)/√(D_oc + 1). */
function checkFloors(
  result: PolicyResult,
  world: OfferWorld,
  estimates: CtrEstimates,
  planned: number[][],
  explorationShare: number,
): void {
  const { offers, contexts } = world;
  offers.forEach((offer, o) => {
    contexts.forEach((context, c) => {
      const shown = estimates.cells[offer.id]?.[context.id]?.impressions ?? 0;
      const floor =
        (explorationShare * Math.min(context.impressions / offers.length, offer.quota / contexts.length)) /
        Math.sqrt(shown + 1);
      const x = (planned[o] as number[])[c] as number;
      result.minExplorationSlack = Math.min(result.minExplorationSlack, x - floor);
      result.floorImpressions += Math.min(x, floor);
      result.floorExpectedClicks += Math.min(x, floor) * ((world.trueCtr[o] as number[])[c] as number);
    });
  });
}
