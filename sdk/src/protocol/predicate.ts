// A request predicate resolved into the circuit's operands, and its plain-words description.
import { InvalidInputError, UnknownOperatorError, ValueOutOfRangeError } from '../errors/index.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import {
  isOperator,
  OPERATOR_CODES,
  type Operator,
  ORDERED_OPERATORS,
  RANGE_OPERATORS,
  SET_OPERATORS,
  SET_SIZE,
} from './operators.ts';
import type { RequestPredicate } from './request.ts';
import { type AttributeDefinition, encodeValue, getAttribute } from './vocabulary.ts';

export type ResolvedPredicate = {
  attribute: AttributeDefinition;
  op: Operator;
  operatorCode: bigint;
  operandA: bigint;
  operandB: bigint;
  /** SET_SIZE entries; a shorter set is padded by repeating its first value (same membership). */
  set: bigint[];
  setHash: bigint;
  /** Issuer key hashes accepted for this predicate; empty means any the verifier trusts. */
  issuers: bigint[];
};

/** Encodes a request predicate; `field` names it in errors (e.g. `request.predicates[0]`). */
export async function resolvePredicate(predicate: RequestPredicate, field: string): Promise<ResolvedPredicate> {
  const attribute = getAttribute(predicate.attribute, `${field}.attribute`);
  if (!isOperator(predicate.op)) throw new UnknownOperatorError(String(predicate.op), { field: `${field}.op` });
  const op = predicate.op;
  if (ORDERED_OPERATORS.has(op) && (attribute.type === 'category' || attribute.type === 'boolean')) {
    throw new InvalidInputError(`${field}.op "${op}" compares order, but ${attribute.id} is a ${attribute.type}.`, {
      field: `${field}.op`,
      hint: 'Use eq, ne, in or notIn for categories.',
    });
  }
  let operandA = 0n;
  let operandB = 0n;
  let set = new Array<bigint>(SET_SIZE).fill(0n);
  if (RANGE_OPERATORS.has(op)) {
    if (!predicate.range)
      throw new InvalidInputError(`${field}.range is required for ${op}.`, { field: `${field}.range` });
    operandA = encodeValue(attribute, predicate.range[0], `${field}.range[0]`);
    operandB = encodeValue(attribute, predicate.range[1], `${field}.range[1]`);
    if (operandA > operandB) {
      throw new InvalidInputError(`${field}.range must be [low, high]; the bounds are swapped.`, {
        field: `${field}.range`,
        hint: `Write [${String(predicate.range[1])}, ${String(predicate.range[0])}].`,
      });
    }
  } else if (SET_OPERATORS.has(op)) {
    const values = predicate.values;
    if (!values?.length)
      throw new InvalidInputError(`${field}.values is required for ${op}.`, { field: `${field}.values` });
    if (values.length > SET_SIZE) {
      throw new ValueOutOfRangeError(`${field}.values holds at most ${SET_SIZE} values.`, { field: `${field}.values` });
    }
    const encoded = values.map((value, index) => encodeValue(attribute, value, `${field}.values[${index}]`));
    const first = encoded[0] as bigint;
    set = [...encoded, ...new Array<bigint>(SET_SIZE - encoded.length).fill(first)];
  } else if (op !== 'exists') {
    if (predicate.value === undefined) {
      throw new InvalidInputError(`${field}.value is required for ${op}.`, { field: `${field}.value` });
    }
    operandA = encodeValue(attribute, predicate.value, `${field}.value`);
  }
  return {
    attribute,
    op,
    operatorCode: BigInt(OPERATOR_CODES[op]),
    operandA,
    operandB,
    set,
    setHash: await poseidonHash(set),
    issuers: (predicate.issuers ?? []).map((issuer) => BigInt(issuer)),
  };
}

/** The largest value an order comparison takes (the circuit range-checks to 64 bits). */
const ORDERED_MAX = (1n << 64n) - 1n;

/**
 * Whether a statement holds for every credential of its attribute, so a proof of it says nothing
 * about the person beyond holding such a credential: `exists`, `gte` the smallest value, `lte` the
 * largest, `between` the whole range, `notBetween` with swapped bounds. A campaign must not pay for
 * one (createCampaign and RewardPool refuse them, and createRequest when a reward is attached); a
 * wallet says what it is. Takes encoded operands (a ResolvedPredicate, or a Statement's fields).
 */
export function isVacuousPredicate(predicate: { operatorCode: bigint; operandA: bigint; operandB: bigint }): boolean {
  const { operatorCode: op, operandA: a, operandB: b } = predicate;
  switch (op) {
    case BigInt(OPERATOR_CODES.exists):
      return true;
    case BigInt(OPERATOR_CODES.gte):
      return a === 0n;
    case BigInt(OPERATOR_CODES.lte):
      return a >= ORDERED_MAX;
    case BigInt(OPERATOR_CODES.between):
      return a === 0n && b >= ORDERED_MAX;
    case BigInt(OPERATOR_CODES.notBetween):
      return a > b;
    default:
      return false;
  }
}

/** isVacuousPredicate on a request predicate as written; false when it does not encode (other checks name that). */
export function isVacuousRequestPredicate(predicate: RequestPredicate): boolean {
  try {
    if (!isOperator(predicate.op)) return false;
    const attribute = getAttribute(predicate.attribute);
    const encode = (value: unknown) => (value === undefined ? 0n : encodeValue(attribute, value as never));
    const [a, b] = RANGE_OPERATORS.has(predicate.op)
      ? [encode(predicate.range?.[0]), encode(predicate.range?.[1])]
      : [encode(predicate.value), 0n];
    return isVacuousPredicate({ operatorCode: BigInt(OPERATOR_CODES[predicate.op]), operandA: a, operandB: b });
  } catch {
    return false;
  }
}

const SYMBOLS: Partial<Record<Operator, string>> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** "age ≥ 18", "interest is one of cycling, running": what is revealed, never the value itself. */
export function describePredicate(predicate: RequestPredicate): string {
  const attribute = getAttribute(predicate.attribute);
  const name = attribute.label;
  const show = (value: unknown) => String(value);
  switch (predicate.op as Operator) {
    case 'eq':
      return `${name} is ${show(predicate.value)}`;
    case 'ne':
      return `${name} is not ${show(predicate.value)}`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return `${name} ${SYMBOLS[predicate.op as Operator]} ${show(predicate.value)}`;
    case 'between':
      return `${name} between ${show(predicate.range?.[0])} and ${show(predicate.range?.[1])}`;
    case 'notBetween':
      return `${name} not between ${show(predicate.range?.[0])} and ${show(predicate.range?.[1])}`;
    case 'in':
      return `${name} is one of ${(predicate.values ?? []).map(show).join(', ')}`;
    case 'notIn':
      return `${name} is none of ${(predicate.values ?? []).map(show).join(', ')}`;
    case 'exists':
      return `has a ${name} credential`;
  }
}
