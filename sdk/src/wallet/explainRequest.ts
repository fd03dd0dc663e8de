// What the wallet shows before a person answers: each predicate in words and every reason to be
// careful. A request with any warning is never answered automatically (standing policies).
import { DecdpError } from '../errors/index.ts';
import { type Operator, ORDERED_OPERATORS } from '../protocol/operators.ts';
import { describePredicate } from '../protocol/predicate.ts';
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
  /** One line per predicate: what the merchant learns if the person says yes. */
  reveals: string[];
  warnings: RequestWarning[];
};

/** Numbers a merchant could pin to one value with eq or a one-wide range. */
const EXACT_TYPES = new Set(['integer', 'date', 'money']);

export function explainRequest(input: unknown, params: { now: number }): ExplainedRequest {
  let signed: SignedRequest;
  try {
    signed = parseSignedRequest(input);
  } catch (error) {
    return { signed: undefined, reveals: [], warnings: [{ code: 'MALFORMED', message: messageOf(error) }] };
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
      const words = describePredicate(predicate);
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
  return { signed, reveals, warnings };
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
