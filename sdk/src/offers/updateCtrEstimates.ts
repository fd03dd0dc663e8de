// Online click-through-rate estimates per offer × context: a Beta(alpha, beta) prior updated by
// click feedback, read as the posterior mean (clicks + alpha) / (impressions + alpha + beta).
import { InvalidInputError, ValueOutOfRangeError } from '../errors/index.ts';
import { UnknownContextError, UnknownOfferError } from './errors.ts';
import type { CtrCell, CtrEstimate, CtrEstimates, CtrInterval, CtrPrior } from './types.ts';

/** 1 click in 40 displays before any evidence: a 2.5 % display CTR, worth 40 displays of data. */
export const DEFAULT_CTR_PRIOR: CtrPrior = { alpha: 1, beta: 39 };

/** What was shown and clicked in one context since the last update. */
export type ClickFeedback = { offerId: string; contextId: string; impressions: number; clicks: number };

export type CreateCtrEstimatesParameters = { prior?: CtrPrior };

/**
 * Empty estimates: every offer × context starts at the prior mean.
 *
 * @example
 * const estimates = createCtrEstimates({ prior: { alpha: 1, beta: 39 } });
 */
export function createCtrEstimates(parameters: CreateCtrEstimatesParameters = {}): CtrEstimates {
  const prior = parameters.prior ?? DEFAULT_CTR_PRIOR;
  checkPositive(prior.alpha, 'prior.alpha');
  checkPositive(prior.beta, 'prior.beta');
  return { prior: { alpha: prior.alpha, beta: prior.beta }, cells: {} };
}

export type UpdateCtrEstimatesParameters = {
  estimates: CtrEstimates;
  feedback: readonly ClickFeedback[];
  /**
   * Weight kept of the old evidence before adding the new, in (0, 1]; 1 (the default) keeps all.
   * Below 1 the estimates follow CTRs that drift (0.99 forgets half in ~69 updates).
   */
  decay?: number;
  /** When given, feedback must name these (UNKNOWN_OFFER / UNKNOWN_CONTEXT otherwise). */
  known?: { offerIds: readonly string[]; contextIds: readonly string[] };
};

/**
 * New estimates with the feedback added; the input is not changed.
 *
 * @example
 * const next = updateCtrEstimates({
 *   estimates,
 *   feedback: [{ offerId: 'helmet-10', contextId: 'search-helmet', impressions: 120, clicks: 6 }],
 * });
 * estimateCtr({ estimates: next, offerId: 'helmet-10', contextId: 'search-helmet' }).ctr; // 7/160
 */
export function updateCtrEstimates(parameters: UpdateCtrEstimatesParameters): CtrEstimates {
  const { estimates, feedback } = parameters;
  const decay = parameters.decay ?? 1;
  if (!(decay > 0 && decay <= 1)) {
    throw new ValueOutOfRangeError(`decay must be in (0, 1]; got ${decay}.`, { field: 'decay' });
  }
  const knownOffers = parameters.known ? new Set(parameters.known.offerIds) : undefined;
  const knownContexts = parameters.known ? new Set(parameters.known.contextIds) : undefined;
  // New evidence per offer × context, in maps (no prototype surprises with ids like "__proto__").
  const added = new Map<string, Map<string, CtrCell>>();
  feedback.forEach((entry, index) => {
    const field = `feedback[${index}]`;
    if (typeof entry.offerId !== 'string' || entry.offerId === '') {
      throw new InvalidInputError(`${field}.offerId must be a non-empty string.`, { field: `${field}.offerId` });
    }
    if (typeof entry.contextId !== 'string' || entry.contextId === '') {
      throw new InvalidInputError(`${field}.contextId must be a non-empty string.`, { field: `${field}.contextId` });
    }
    if (knownOffers && !knownOffers.has(entry.offerId)) {
      throw new UnknownOfferError(entry.offerId, { field: `${field}.offerId` });
    }
    if (knownContexts && !knownContexts.has(entry.contextId)) {
      throw new UnknownContextError(entry.contextId, { field: `${field}.contextId` });
    }
    checkCount(entry.impressions, `${field}.impressions`);
    checkCount(entry.clicks, `${field}.clicks`);
    if (entry.clicks > entry.impressions) {
      throw new ValueOutOfRangeError(`${field}.clicks (${entry.clicks}) exceeds impressions (${entry.impressions}).`, {
        field: `${field}.clicks`,
      });
    }
    const row = added.get(entry.offerId) ?? new Map<string, CtrCell>();
    const cell = row.get(entry.contextId) ?? { impressions: 0, clicks: 0 };
    row.set(entry.contextId, { impressions: cell.impressions + entry.impressions, clicks: cell.clicks + entry.clicks });
    added.set(entry.offerId, row);
  });
  // Rows without new evidence are shared when nothing decays (estimates are never mutated), so an
  // update costs what it adds, not the size of the matrix.
  const rows: [string, Readonly<Record<string, CtrCell>>][] = [];
  for (const [offerId, row] of Object.entries(estimates.cells)) {
    const fresh = added.get(offerId);
    added.delete(offerId);
    if (!fresh && decay === 1) {
      rows.push([offerId, row]);
      continue;
    }
    const cells = new Map<string, CtrCell>();
    for (const [contextId, cell] of Object.entries(row)) {
      cells.set(contextId, { impressions: cell.impressions * decay, clicks: cell.clicks * decay });
    }
    for (const [contextId, cell] of fresh ?? []) {
      const old = cells.get(contextId) ?? { impressions: 0, clicks: 0 };
      cells.set(contextId, { impressions: old.impressions + cell.impressions, clicks: old.clicks + cell.clicks });
    }
    rows.push([offerId, Object.fromEntries(cells)]);
  }
  for (const [offerId, fresh] of added) rows.push([offerId, Object.fromEntries(fresh)]);
  return { prior: estimates.prior, cells: Object.fromEntries(rows) };
}

/**
 * How uncertain an estimate is, at 95 %: the Wilson score interval on the posterior's pseudo-counts
 * (clicks + alpha successes in impressions + alpha + beta trials). It stays inside [0, 1], is wide
 * with no evidence (the prior alone counts as alpha + beta displays) and narrows as displays grow.
 *
 * @example
 * ctrInterval(estimateCtr({ estimates, offerId: 'helmet-10', contextId: 'search-helmet' })); // { low: 0.021, high: 0.063, level: 0.95 }
 */
export function ctrInterval(estimate: CtrEstimate): CtrInterval {
  const z = 1.959964;
  const n = estimate.impressions + estimate.prior.alpha + estimate.prior.beta;
  const p = estimate.ctr;
  const center = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { low: Math.max(0, center - half), high: Math.min(1, center + half), level: 0.95 };
}

/** The posterior-mean CTR of one offer in one context, with the evidence behind it. */
export function estimateCtr(parameters: { estimates: CtrEstimates; offerId: string; contextId: string }): CtrEstimate {
  const { estimates, offerId, contextId } = parameters;
  const row = Object.hasOwn(estimates.cells, offerId) ? estimates.cells[offerId] : undefined;
  const cell = row && Object.hasOwn(row, contextId) ? row[contextId] : undefined;
  const impressions = cell?.impressions ?? 0;
  const clicks = cell?.clicks ?? 0;
  const { alpha, beta } = estimates.prior;
  return { ctr: (clicks + alpha) / (impressions + alpha + beta), clicks, impressions, prior: estimates.prior };
}

function checkPositive(value: number, field: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new ValueOutOfRangeError(`${field} must be a positive number; got ${String(value)}.`, { field });
  }
}

function checkCount(value: number, field: string): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new ValueOutOfRangeError(`${field} must be a finite number ≥ 0; got ${String(value)}.`, { field });
  }
}
