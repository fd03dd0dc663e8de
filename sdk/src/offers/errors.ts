// The offer model's own failure kinds. Codes are stable API, like those in ../errors/errors.ts
// (bad numbers reuse VALUE_OUT_OF_RANGE, bad shapes INVALID_INPUT from there).
import { DecdpError, type DecdpErrorOptions } from '../errors/index.ts';

/** A field that is not context the merchant already has (a hidden profile, an attribute value). */
export class ContextNotAllowedError extends DecdpError {
  override name = 'ContextNotAllowedError';
  constructor(field: string, options: DecdpErrorOptions = {}) {
    super(
      'OFFER_CONTEXT_NOT_ALLOWED',
      `${field} is not offer context: offers use only what the merchant already has.`,
      {
        field,
        hint: 'A context holds id, impressions, page, keywords, provenPredicates and maskId; nothing else.',
        ...options,
      },
    );
  }
}

/** A rental floor, block or click feedback names a context the allocation does not have. */
export class UnknownContextError extends DecdpError {
  override name = 'UnknownContextError';
  readonly contextId: string;
  constructor(contextId: string, options: DecdpErrorOptions = {}) {
    super('UNKNOWN_CONTEXT', `Context "${contextId}" is not one of the contexts given.`, {
      hint: 'Name a context by the id it has in `contexts`.',
      ...options,
    });
    this.contextId = contextId;
  }
}

/** Click feedback or a pick names an offer that is not there. */
export class UnknownOfferError extends DecdpError {
  override name = 'UnknownOfferError';
  readonly offerId: string;
  constructor(offerId: string, options: DecdpErrorOptions = {}) {
    super('UNKNOWN_OFFER', `Offer "${offerId}" is not one of the offers given.`, options);
    this.offerId = offerId;
  }
}

/** The constraint of the offer LP that cannot hold. */
export type OfferConstraint =
  | { kind: 'context impressions'; contextId: string; required: number; available: number }
  | { kind: 'offer quota'; offerId: string; required: number; available: number };

/** Floors (exploration + rental) ask for more impressions than a context has or an offer may get. */
export class OffersInfeasibleError extends DecdpError {
  override name = 'OffersInfeasibleError';
  /** The first constraint that cannot hold; `others` are further ones. */
  readonly constraint: OfferConstraint;
  readonly others: readonly OfferConstraint[];
  constructor(constraints: readonly [OfferConstraint, ...OfferConstraint[]], options: DecdpErrorOptions = {}) {
    const [first, ...others] = constraints;
    super('OFFERS_INFEASIBLE', `No allocation exists: ${describeConstraint(first)}.`, {
      details: others.slice(0, 3).map((other) => `Also: ${describeConstraint(other)}.`),
      hint: 'Lower the rental shares or the exploration share, or raise the quota / impressions.',
      ...options,
    });
    this.constraint = first;
    this.others = others;
  }
}

/** HiGHS failed or ended without an optimal plan (not an input problem). */
export class OfferSolverError extends DecdpError {
  override name = 'OfferSolverError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('OFFER_SOLVER_FAILED', message, options);
  }
}

const count = (value: number) => (Math.round(value * 100) / 100).toString();

function describeConstraint(constraint: OfferConstraint): string {
  return constraint.kind === 'context impressions'
    ? `the floors in context "${constraint.contextId}" need ${count(constraint.required)} impressions but it has ${count(constraint.available)}`
    : `the floors of offer "${constraint.offerId}" need ${count(constraint.required)} displays but its quota is ${count(constraint.available)}`;
}
