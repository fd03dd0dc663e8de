// The ADWIZ linear program (docs/offers.md): choose how many of each context's impressions each
// offer gets, to maximize expected clicks, within display quotas, exploration floors and rental
// floors. Every planned offer carries the explanation the wallet shows under "why this offer".
import { InvalidInputError, ValueOutOfRangeError } from '../errors/index.ts';
import { ContextNotAllowedError, type OfferConstraint, OffersInfeasibleError, UnknownContextError } from './errors.ts';
import { explanationText } from './explainOffer.ts';
import { solveTransportLp, type TransportLpSession } from './solveTransportLp.ts';
import {
  type ContextPlan,
  type ContextSlot,
  type CtrEstimate,
  type CtrEstimates,
  OFFER_CONTEXT_FIELDS,
  type Offer,
  type OfferAllocation,
  type OfferContext,
  type OfferExplanation,
  type OfferReason,
  type OnlyOfferContext,
  type PlannedOffer,
} from './types.ts';
import { ctrInterval, estimateCtr } from './updateCtrEstimates.ts';

/** ADWIZ's exploration weight: floors may take at most half of a context or of a quota. */
export const DEFAULT_EXPLORATION_SHARE = 0.5;

export type AllocateOffersParameters<Slot extends ContextSlot = ContextSlot> = {
  offers: readonly Offer[];
  /** Only context the merchant already has: an extra field is a type error and OFFER_CONTEXT_NOT_ALLOWED. */
  contexts: readonly OnlyOfferContext<Slot>[];
  estimates: CtrEstimates;
  /**
   * s in [0, 1]: the exploration floor is x_oc ≥ s · min(h_c / n_c, k_o / m_o) / √(D_oc + 1), so
   * floors take at most s of any context and of any quota. 0 turns exploration off. Default 0.5.
   */
  explorationShare?: number;
  /**
   * Keeps the HiGHS model between calls with the same offers × contexts, so a re-solve starts from
   * the last plan (createTransportLpSession; dispose it when done). Without one, a fresh model.
   */
  session?: TransportLpSession;
};

/** One offer × context pair the LP may use, with its bounds. */
type Cell = {
  offer: number;
  context: number;
  estimate: CtrEstimate;
  exploration: number;
  rental: number;
  upper: number;
};

/**
 * Solves the offer LP with HiGHS and explains every planned offer.
 *
 * @example
 * const plan = await allocateOffers({
 *   offers: [{ id: 'helmet-10', title: '10 % off helmets', quota: 5_000 }, ...],
 *   contexts: [{ id: 'search-helmet', page: '/search', keywords: ['helmet'], impressions: 2_000 }, ...],
 *   estimates: createCtrEstimates(),
 * });
 * plan.contexts[0].offers[0].explanation.text; // "10 % off helmets is shown on /search, after you searched …"
 */
export async function allocateOffers<Slot extends ContextSlot>(
  parameters: AllocateOffersParameters<Slot>,
): Promise<OfferAllocation> {
  const contexts = parameters.contexts.map((context, index) => parseContext(context, index));
  const contextIndex = new Map<string, number>();
  contexts.forEach((context, index) => {
    if (contextIndex.has(context.id)) {
      throw new InvalidInputError(`contexts[${index}].id "${context.id}" is used twice.`, {
        field: `contexts[${index}].id`,
      });
    }
    contextIndex.set(context.id, index);
  });
  const offers = parameters.offers;
  const offerIds = new Set<string>();
  offers.forEach((offer, index) => {
    checkOffer(offer, index, contextIndex, offerIds);
  });
  const share = parameters.explorationShare ?? DEFAULT_EXPLORATION_SHARE;
  if (!(typeof share === 'number' && share >= 0 && share <= 1)) {
    throw new ValueOutOfRangeError(`explorationShare must be in [0, 1]; got ${String(share)}.`, {
      field: 'explorationShare',
    });
  }

  for (const key of ['alpha', 'beta'] as const) {
    const value = parameters.estimates?.prior?.[key];
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new ValueOutOfRangeError(`estimates.prior.${key} must be a positive number; got ${String(value)}.`, {
        field: `estimates.prior.${key}`,
        hint: 'Make estimates with createCtrEstimates and update them with updateCtrEstimates.',
      });
    }
  }

  // Which pairs may show, and how many per context (n_c) and per offer (m_o).
  const blocked = offers.map((offer) => new Set(offer.blockedContexts ?? []));
  const allowed = (offer: number, context: number) =>
    !(blocked[offer] as Set<string>).has((contexts[context] as ContextSlot).id);
  const offersIn = contexts.map((_, context) => offers.filter((_, offer) => allowed(offer, context)).length);
  const contextsOf = offers.map((_, offer) => contexts.filter((_, context) => allowed(offer, context)).length);

  const cells: Cell[] = [];
  offers.forEach((offer, o) => {
    const rentals = new Map((offer.rentals ?? []).map((rental) => [rental.contextId, rental.share]));
    contexts.forEach((context, c) => {
      if (!allowed(o, c)) return;
      const estimate = estimateCtr({ estimates: parameters.estimates, offerId: offer.id, contextId: context.id });
      const exploration =
        (share * Math.min(context.impressions / (offersIn[c] as number), offer.quota / (contextsOf[o] as number))) /
        Math.sqrt(estimate.impressions + 1);
      const rental = (rentals.get(context.id) ?? 0) * context.impressions;
      cells.push({
        offer: o,
        context: c,
        estimate,
        exploration,
        rental,
        upper: Math.min(offer.quota, context.impressions),
      });
    });
  });

  checkFeasible(cells, offers, contexts);

  const lower = (cell: Cell) => Math.min(cell.upper, Math.max(cell.exploration, cell.rental));
  const solution = await solveTransportLp(
    {
      rowsOf: Int32Array.from(cells.flatMap((cell) => [cell.context, contexts.length + cell.offer])),
      gain: Float64Array.from(cells, (cell) => cell.estimate.ctr),
      lower: Float64Array.from(cells, lower),
      upper: Float64Array.from(cells, (cell) => cell.upper),
      rowUpper: Float64Array.from([
        ...contexts.map((context) => context.impressions),
        ...offers.map((offer) => offer.quota),
      ]),
    },
    parameters.session,
  );

  const plans: ContextPlan[] = contexts.map((context) => ({
    contextId: context.id,
    impressions: context.impressions,
    filled: 0,
    offers: [],
  }));
  let expectedClicks = 0;
  cells.forEach((cell, column) => {
    const context = contexts[cell.context] as ContextSlot;
    const offer = offers[cell.offer] as Offer;
    const tolerance = 1e-7 * Math.max(1, context.impressions);
    const impressions = Math.min(cell.upper, Math.max(lower(cell), solution.values[column] as number));
    if (impressions <= tolerance) return;
    const plan = plans[cell.context] as ContextPlan;
    plan.filled += impressions;
    expectedClicks += impressions * cell.estimate.ctr;
    plan.offers.push(plannedOffer({ offer, context, cell, impressions, tolerance }));
  });
  for (const plan of plans) plan.offers.sort((a, b) => b.impressions - a.impressions);
  return {
    contexts: plans,
    expectedClicks,
    lp: {
      variables: cells.length,
      constraints: contexts.length + offers.length,
      solveMs: solution.solveMs,
      explorationShare: share,
    },
  };
}

function plannedOffer(parameters: {
  offer: Offer;
  context: ContextSlot;
  cell: Cell;
  impressions: number;
  tolerance: number;
}): PlannedOffer {
  const { offer, context, cell, impressions, tolerance } = parameters;
  const floor = Math.max(cell.exploration, cell.rental);
  const breakdown = {
    rentalFloor: Math.min(impressions, cell.rental),
    explorationFloor: Math.min(impressions, Math.max(0, cell.exploration - cell.rental)),
    highestExpectedClicks: Math.max(0, impressions - floor),
  };
  const reason: OfferReason =
    breakdown.highestExpectedClicks > tolerance
      ? 'highest expected clicks'
      : cell.rental >= cell.exploration
        ? 'rental floor'
        : 'exploration floor';
  const share = context.impressions > 0 ? impressions / context.impressions : 0;
  // Built on first read (and then kept): a plan has one per planned cell, most of which are never
  // served, and the words cost more than the LP at 32 × 128.
  let explanation: OfferExplanation | undefined;
  const explain = (): OfferExplanation => {
    const used = contextFields(context);
    return {
      offerId: offer.id,
      ...(offer.title === undefined ? {} : { offerTitle: offer.title }),
      contextId: context.id,
      context: used,
      estimate: cell.estimate,
      ctrInterval: ctrInterval(cell.estimate),
      reason,
      breakdown,
      share,
      text: explanationText({
        offerTitle: offer.title ?? `Offer “${offer.id}”`,
        context: used,
        estimate: cell.estimate,
        reason,
        share,
        floorShare: floorShareOf(reason, cell, context),
      }),
    };
  };
  return {
    offerId: offer.id,
    contextId: context.id,
    impressions,
    share,
    floors: { exploration: cell.exploration, rental: cell.rental },
    expectedClicks: impressions * cell.estimate.ctr,
    get explanation() {
      explanation ??= explain();
      return explanation;
    },
  };
}

/** The share of the context a floor reserves, for the explanation's words. */
export function floorShareOf(
  reason: OfferReason,
  floors: { exploration: number; rental: number },
  context: { impressions: number },
): number {
  if (context.impressions <= 0) return 0;
  if (reason === 'rental floor') return floors.rental / context.impressions;
  if (reason === 'exploration floor') return floors.exploration / context.impressions;
  return 0;
}

/** The context fields an explanation names: exactly the ones given. */
export function contextFields(context: OfferContext): OfferContext {
  return {
    ...(context.page === undefined ? {} : { page: context.page }),
    ...(context.keywords === undefined ? {} : { keywords: [...context.keywords] }),
    ...(context.provenPredicates === undefined ? {} : { provenPredicates: [...context.provenPredicates] }),
    ...(context.maskId === undefined ? {} : { maskId: context.maskId }),
  };
}

/** Floors alone (x = lower bounds) are feasible iff no context and no quota is over-committed. */
function checkFeasible(cells: readonly Cell[], offers: readonly Offer[], contexts: readonly ContextSlot[]): void {
  const byContext = new Float64Array(contexts.length);
  const byOffer = new Float64Array(offers.length);
  const problems: { constraint: OfferConstraint; field: string }[] = [];
  for (const cell of cells) {
    const floor = Math.max(cell.exploration, cell.rental);
    byContext[cell.context] = (byContext[cell.context] as number) + floor;
    byOffer[cell.offer] = (byOffer[cell.offer] as number) + floor;
  }
  contexts.forEach((context, c) => {
    const required = byContext[c] as number;
    if (required > context.impressions * (1 + 1e-9) + 1e-9) {
      problems.push({
        constraint: { kind: 'context impressions', contextId: context.id, required, available: context.impressions },
        field: `contexts[${c}].impressions`,
      });
    }
  });
  offers.forEach((offer, o) => {
    const required = byOffer[o] as number;
    if (required > offer.quota * (1 + 1e-9) + 1e-9) {
      problems.push({
        constraint: { kind: 'offer quota', offerId: offer.id, required, available: offer.quota },
        field: `offers[${o}].quota`,
      });
    }
  });
  const [first, ...others] = problems;
  if (first) {
    throw new OffersInfeasibleError([first.constraint, ...others.map((other) => other.constraint)], {
      field: first.field,
    });
  }
}

const ALLOWED = new Set<string>(OFFER_CONTEXT_FIELDS);

function parseContext(context: ContextSlot, index: number): ContextSlot {
  const field = `contexts[${index}]`;
  if (typeof context !== 'object' || context === null) {
    throw new InvalidInputError(`${field} must be an object.`, { field });
  }
  for (const key of Object.keys(context)) {
    if (!ALLOWED.has(key)) throw new ContextNotAllowedError(`${field}.${key}`);
  }
  if (typeof context.id !== 'string' || context.id === '') {
    throw new InvalidInputError(`${field}.id must be a non-empty string.`, { field: `${field}.id` });
  }
  checkAmount(context.impressions, `${field}.impressions`);
  if (context.page !== undefined && typeof context.page !== 'string') {
    throw new InvalidInputError(`${field}.page must be a string.`, { field: `${field}.page` });
  }
  if (context.maskId !== undefined && typeof context.maskId !== 'string') {
    throw new InvalidInputError(`${field}.maskId must be a string.`, { field: `${field}.maskId` });
  }
  for (const list of ['keywords', 'provenPredicates'] as const) {
    const values = context[list];
    if (values !== undefined && !(Array.isArray(values) && values.every((value) => typeof value === 'string'))) {
      throw new InvalidInputError(`${field}.${list} must be a list of strings.`, { field: `${field}.${list}` });
    }
  }
  return context;
}

function checkOffer(offer: Offer, index: number, contexts: Map<string, number>, seen: Set<string>): void {
  const field = `offers[${index}]`;
  if (typeof offer?.id !== 'string' || offer.id === '') {
    throw new InvalidInputError(`${field}.id must be a non-empty string.`, { field: `${field}.id` });
  }
  if (seen.has(offer.id)) {
    throw new InvalidInputError(`${field}.id "${offer.id}" is used twice.`, { field: `${field}.id` });
  }
  seen.add(offer.id);
  checkAmount(offer.quota, `${field}.quota`);
  const blocked = new Set<string>();
  (offer.blockedContexts ?? []).forEach((contextId, j) => {
    if (!contexts.has(contextId)) throw new UnknownContextError(contextId, { field: `${field}.blockedContexts[${j}]` });
    blocked.add(contextId);
  });
  const rented = new Set<string>();
  (offer.rentals ?? []).forEach((rental, j) => {
    const rentalField = `${field}.rentals[${j}]`;
    if (!contexts.has(rental.contextId)) {
      throw new UnknownContextError(String(rental.contextId), { field: `${rentalField}.contextId` });
    }
    if (!(typeof rental.share === 'number' && rental.share >= 0 && rental.share <= 1)) {
      throw new ValueOutOfRangeError(`${rentalField}.share must be in [0, 1]; got ${String(rental.share)}.`, {
        field: `${rentalField}.share`,
      });
    }
    if (blocked.has(rental.contextId) || rented.has(rental.contextId)) {
      throw new InvalidInputError(
        `${rentalField}: offer "${offer.id}" ${blocked.has(rental.contextId) ? 'is blocked in' : 'already rents'} context "${rental.contextId}".`,
        { field: `${rentalField}.contextId` },
      );
    }
    rented.add(rental.contextId);
  });
}

function checkAmount(value: number, field: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new ValueOutOfRangeError(`${field} must be a finite number ≥ 0; got ${String(value)}.`, { field });
  }
}
