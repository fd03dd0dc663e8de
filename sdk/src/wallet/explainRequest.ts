// What the wallet shows before a person answers: each predicate in words and every reason to be
// careful. A request with any warning is never answered automatically (standing policies).
import { DecdpError } from '../errors/index.ts';
import { type Operator, ORDERED_OPERATORS } from '../protocol/operators.ts';
import { describePredicate, isVacuousRequestPredicate } from '../protocol/predicate.ts';
import {
  assertRequestFresh,
  assertRequestSignature,
  parseSignedRequest,
  type RequestPredicate,
  type SignedRequest,
} from '../protocol/request.ts';
import { getAttribute } from '../protocol/vocabulary.ts';

export type RequestWarningCode =
  | 'MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'REQUEST_EXPIRED'
  | 'UNKNOWN_ATTRIBUTE'
  | 'REVEALS_EXACT_VALUE';

export type RequestWarning = { code: RequestWarningCode; message: string; predicate?: number };

export type ExplainedRequest = {
  /** Absent when the request did not parse. */
  signed: SignedRequest | undefined;
  /** One line per predicate: what the merchant learns if the person says yes ("nothing about you
   * except that you hold a … credential" for a statement every holder satisfies). */
  reveals: string[];
  /** One per predicate, in the person's words: "your exact country of residence (NL)", "that you are 18 or older". */
  disclosures: string[];
  warnings: RequestWarning[];
};

/** Numbers a merchant could pin to one value with eq or a one-wide range. */
const EXACT_TYPES = new Set(['integer', 'date', 'money']);

/** @since 0.2.0 */
export function explainRequest(input: unknown, params: { now: number }): ExplainedRequest {
  let signed: SignedRequest;
  try {
    signed = parseSignedRequest(input);
  } catch (error) {
    return {
      signed: undefined,
      reveals: [],
      disclosures: [],
      warnings: [{ code: 'MALFORMED', message: messageOf(error) }],
    };
  }
  const warnings: RequestWarning[] = [];
  try {
    assertRequestSignature(signed);
  } catch (error) {
    warnings.push({
      code: 'SIGNATURE_INVALID',
      message: `Not signed by ${signed.request.merchant.name}: ${messageOf(error)}`,
    });
  }
  try {
    assertRequestFresh(signed.request, params.now);
  } catch {
    warnings.push({ code: 'REQUEST_EXPIRED', message: 'This request has expired; it can no longer be answered.' });
  }
  const reveals = signed.request.predicates.map((predicate, index) => {
    try {
      const words = isVacuousRequestPredicate(predicate)
        ? `nothing about you except that you hold a ${getAttribute(predicate.attribute).label} credential`
        : describePredicate(predicate);
      const exact = revealsExactValue(predicate);
      if (exact) warnings.push({ code: 'REVEALS_EXACT_VALUE', message: exact, predicate: index });
      return words;
    } catch {
      warnings.push({
        code: 'UNKNOWN_ATTRIBUTE',
        message: `"${predicate.attribute}" is not an attribute this wallet knows.`,
        predicate: index,
      });
      return `${predicate.attribute} (unknown attribute)`;
    }
  });
  const disclosures = signed.request.predicates.map((predicate, index) => {
    try {
      return disclosureOf(predicate);
    } catch {
      return reveals[index] ?? predicate.attribute;
    }
  });
  return { signed, reveals, disclosures, warnings };
}

/**
 * What a yes tells the merchant, said plainly: an equality (or a one-value set) gives away the
 * exact value, whatever the attribute's type; the other operators tell only the comparison.
 * @since 0.2.0
 */
export function disclosureOf(predicate: RequestPredicate): string {
  const attribute = getAttribute(predicate.attribute, 'predicate.attribute');
  const label = attribute.label;
  // exists, ≥ 0, the whole range: every holder satisfies it, so it says nothing else.
  if (isVacuousRequestPredicate(predicate)) return `nothing about you except that you hold a ${label} credential`;
  const unit = attribute.unit && attribute.unit !== 'years' ? ` ${attribute.unit}` : '';
  const v = `${String(predicate.value)}${unit}`;
  const values = (predicate.values ?? []).map(String);
  const [low, high] = (predicate.range ?? []).map(String);
  const age = attribute.id === 'age';
  switch (predicate.op as Operator) {
    case 'eq':
      return `your exact ${label} (${v})`;
    case 'ne':
      return `that your ${label} is not ${v}`;
    case 'gte':
      return age ? `that you are ${v} or older` : `that your ${label} is ${v} or more`;
    case 'gt':
      return age ? `that you are older than ${v}` : `that your ${label} is more than ${v}`;
    case 'lt':
      return age ? `that you are younger than ${v}` : `that your ${label} is less than ${v}`;
    case 'lte':
      return age ? `that you are ${v} or younger` : `that your ${label} is ${v} or less`;
    case 'between':
      return `that your ${label} is between ${low} and ${high}${unit}`;
    case 'notBetween':
      return `that your ${label} is not between ${low} and ${high}${unit}`;
    case 'in':
      return values.length === 1
        ? `your exact ${label} (${values[0]})`
        : `that your ${label} is one of ${values.join(', ')} (not which one)`;
    case 'notIn':
      return `that your ${label} is none of ${values.join(', ')}`;
    case 'exists': // vacuous, answered above
      return `nothing about you except that you hold a ${label} credential`;
  }
}

/**
 * True when a yes gives the exact value away (an equality or a one-value set), whatever the type.
 * @since 0.2.0
 */
export function disclosesExactValue(predicate: RequestPredicate): boolean {
  return predicate.op === 'eq' || (predicate.op === 'in' && predicate.values?.length === 1);
}

/** A sentence when a yes would tell the merchant the exact number, else undefined. */
function revealsExactValue(predicate: RequestPredicate): string | undefined {
  const attribute = getAttribute(predicate.attribute, 'predicate.attribute');
  if (!EXACT_TYPES.has(attribute.type)) return undefined;
  const op = predicate.op as Operator;
  if (op === 'eq') return `A yes tells the merchant your exact ${attribute.label}.`;
  if (ORDERED_OPERATORS.has(op) && op === 'between' && predicate.range) {
    const [low, high] = predicate.range.map(Number) as [number, number];
    if (high - low <= 1) return `The range ${low}–${high} is so narrow that a yes gives away your ${attribute.label}.`;
  }
  if (op === 'in' && predicate.values && predicate.values.length === 1) {
    return `A yes tells the merchant your exact ${attribute.label}.`;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof DecdpError) return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}
