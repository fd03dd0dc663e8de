// Interests: the single context values an offer can use, each one something a person may opt out
// of ("stop using that I proved age ≥ 18", "stop using my searches for helmet"). Written
// `kind:value` so one string names both what it is and which value (docs/offers.md § Opt-out).
import { InvalidInputError } from '../errors/index.ts';
import type { OfferContext } from './types.ts';

export const INTEREST_KINDS = ['page', 'keyword', 'predicate', 'mask'] as const;
export type InterestKind = (typeof INTEREST_KINDS)[number];

/** `page:/search`, `keyword:helmet`, `predicate:age ≥ 18`, `mask:new-cyclist`. */
export type Interest = `${InterestKind}:${string}`;

/**
 * Every interest a context uses, in a fixed order (page, keywords, predicates, mask).
 * @example offerInterests({ page: '/search', keywords: ['helmet'] }); // ['page:/search', 'keyword:helmet']
 */
export function offerInterests(context: OfferContext): Interest[] {
  return [
    ...(context.page === undefined ? [] : [`page:${context.page}` as const]),
    ...(context.keywords ?? []).map((keyword) => `keyword:${keyword}` as const),
    ...(context.provenPredicates ?? []).map((predicate) => `predicate:${predicate}` as const),
    ...(context.maskId === undefined ? [] : [`mask:${context.maskId}` as const]),
  ];
}

/** Checks one interest string (`kind:value`, value 1–200 characters); INVALID_INPUT naming `field` otherwise. */
export function parseInterest(value: unknown, field: string): Interest {
  const match = typeof value === 'string' ? /^(page|keyword|predicate|mask):(.{1,200})$/su.exec(value) : null;
  if (!match) {
    throw new InvalidInputError(`${field} must be "page:…", "keyword:…", "predicate:…" or "mask:…".`, {
      field,
      hint: 'Send an interest as the offer explanation lists it (served.interests).',
    });
  }
  return value as Interest;
}

/** The context made of what is left of `given` once every excluded interest is taken out. */
export function withoutInterests(given: OfferContext, excluded: ReadonlySet<string>): OfferContext {
  const keep = (interest: string) => !excluded.has(interest);
  const keywords = given.keywords?.filter((keyword) => keep(`keyword:${keyword}`));
  const provenPredicates = given.provenPredicates?.filter((predicate) => keep(`predicate:${predicate}`));
  return {
    ...(given.page !== undefined && keep(`page:${given.page}`) ? { page: given.page } : {}),
    ...(keywords?.length ? { keywords } : {}),
    ...(provenPredicates?.length ? { provenPredicates } : {}),
    ...(given.maskId !== undefined && keep(`mask:${given.maskId}`) ? { maskId: given.maskId } : {}),
  };
}

/**
 * The most specific context whose every interest is in `given` (a context that uses less is a
 * fallback, one with no field at all matches everything); ties go to the first. Undefined when
 * none fits.
 * @example matchOfferContext({ contexts, given: { page: '/search', keywords: ['helmet'] } })?.id;
 */
export function matchOfferContext<Context extends OfferContext>(parameters: {
  contexts: readonly Context[];
  given: OfferContext;
}): Context | undefined {
  const available = new Set<string>(offerInterests(parameters.given));
  let best: { context: Context; size: number } | undefined;
  for (const context of parameters.contexts) {
    const interests = offerInterests(context);
    if (!interests.every((interest) => available.has(interest))) continue;
    if (!best || interests.length > best.size) best = { context, size: interests.length };
  }
  return best?.context;
}
