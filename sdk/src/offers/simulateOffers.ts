// A seeded simulation of the offer model against a made-up world with known CTRs (docs/offers.md):
// each round a policy plans the round's impressions, displays are drawn, clicks are drawn from the
// true CTRs, and learning policies feed the clicks back. Expected clicks are scored with the true
// CTRs, so the comparison does not depend on click luck. Used by the tests and bench/offers.ts.
import { allocateOffers } from './allocateOffers.ts';
import { seededRandom } from './seededRandom.ts';
import type { ContextSlot, CtrPrior, Offer } from './types.ts';
import { type ClickFeedback, createCtrEstimates, updateCtrEstimates } from './updateCtrEstimates.ts';

/**
 * `lp`: the LP with exploration floors; `lp-no-exploration`: the LP alone; `random`: each impression
 * drawn in proportion to quota; `oracle`: the LP told the true CTRs (the ceiling, not a policy).
 */
export type OfferPolicy = 'lp' | 'lp-no-exploration' | 'random' | 'oracle';

export type SimulateOffersParameters = {
  seed: number;
  offers: number;
  contexts: number;
  rounds: number;
  /** Impressions over all contexts in one round (one LP re-solve per round). */
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
  /** HiGHS time per round (LP policies). */
  solveMs: number[];
  /** Smallest planned x − exploration floor over all rounds and pairs (≥ 0: floors honoured). */
  minExplorationSlack: number;
};

export type SimulationResult = {
  policies: Partial<Record<OfferPolicy, PolicyResult>>;
  /** lp ÷ random expected CTR, when both ran. */
  ctrRatioVsRandom: number | null;
  world: { offers: Offer[]; contexts: ContextSlot[]; trueCtr: number[][] };
};

/** The world: Zipf-like context traffic, uneven quotas (125 % of traffic), CTRs in ratios 1:2:3:4. */
export function makeOfferWorld(parameters: {
  seed: number;
  offers: number;
  contexts: number;
  impressionsPerRound: number;
}) {
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

export async function simulateOffers(parameters: SimulateOffersParameters): Promise<SimulationResult> {
  const world = makeOfferWorld(parameters);
  const policies = parameters.policies ?? ['lp', 'lp-no-exploration', 'random'];
  const results: Partial<Record<OfferPolicy, PolicyResult>> = {};
  for (const [index, policy] of policies.entries()) {
    results[policy] = await runPolicy(policy, world, parameters, seededRandom(parameters.seed * 7919 + index + 1));
  }
  const lp = results.lp;
  const random = results.random;
  return {
    policies: results,
    ctrRatioVsRandom: lp && random && random.ctr > 0 ? lp.ctr / random.ctr : null,
    world,
  };
}

async function runPolicy(
  policy: OfferPolicy,
  world: ReturnType<typeof makeOfferWorld>,
  parameters: SimulateOffersParameters,
  random: () => number,
): Promise<PolicyResult> {
  const { offers, contexts, trueCtr } = world;
  const explorationShare = policy === 'lp' ? (parameters.explorationShare ?? 0.5) : 0;
  let estimates = createCtrEstimates(parameters.prior ? { prior: parameters.prior } : {});
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
    solveMs: [],
    minExplorationSlack: Number.POSITIVE_INFINITY,
  };
  const totalQuota = offers.reduce((sum, offer) => sum + offer.quota, 0);
  for (let round = 0; round < parameters.rounds; round++) {
    const planned: number[][] = offers.map(() => contexts.map(() => 0));
    if (policy === 'random') {
      const scale = Math.max(totalQuota, parameters.impressionsPerRound);
      offers.forEach((offer, o) => {
        contexts.forEach((context, c) => {
          (planned[o] as number[])[c] = (context.impressions * offer.quota) / scale;
        });
      });
    } else {
      const allocation = await allocateOffers({ offers, contexts, estimates, explorationShare });
      result.solveMs.push(allocation.lp.solveMs);
      const offerIndex = new Map(offers.map((offer, o) => [offer.id, o]));
      allocation.contexts.forEach((plan, c) => {
        for (const offer of plan.offers)
          (planned[offerIndex.get(offer.offerId) as number] as number[])[c] = offer.impressions;
      });
      // Check the floors independently of allocateOffers: x_oc ≥ s·min(h_c/n, k_o/m)/√(D_oc + 1).
      offers.forEach((offer, o) => {
        contexts.forEach((context, c) => {
          const shown = estimates.cells[offer.id]?.[context.id]?.impressions ?? 0;
          const floor =
            (explorationShare * Math.min(context.impressions / offers.length, offer.quota / contexts.length)) /
            Math.sqrt(shown + 1);
          const slack = ((planned[o] as number[])[c] as number) - floor;
          result.minExplorationSlack = Math.min(result.minExplorationSlack, slack);
        });
      });
    }
    const feedback: ClickFeedback[] = [];
    offers.forEach((offer, o) => {
      contexts.forEach((context, c) => {
        const x = (planned[o] as number[])[c] as number;
        const shown = Math.floor(x) + (random() < x - Math.floor(x) ? 1 : 0);
        if (shown === 0) return;
        const ctr = (trueCtr[o] as number[])[c] as number;
        let clicks = 0;
        for (let i = 0; i < shown; i++) if (random() < ctr) clicks++;
        result.impressions += shown;
        result.expectedClicks += shown * ctr;
        result.clicks += clicks;
        feedback.push({ offerId: offer.id, contextId: context.id, impressions: shown, clicks });
      });
    });
    if (policy === 'lp' || policy === 'lp-no-exploration') estimates = updateCtrEstimates({ estimates, feedback });
  }
  result.ctr = result.impressions > 0 ? result.expectedClicks / result.impressions : 0;
  return result;
}
