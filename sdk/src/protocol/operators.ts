// Predicate operators and their circuit codes. Mirrors circuits/src/credential.circom: a code
// change here needs a circuit rebuild.
export const OPERATOR_CODES = {
  eq: 1,
  ne: 2,
  lt: 3,
  lte: 4,
  gt: 5,
  gte: 6,
  between: 7,
  notBetween: 8,
  in: 9,
  notIn: 10,
  exists: 11,
} as const;

export type Operator = keyof typeof OPERATOR_CODES;
export const OPERATORS = Object.keys(OPERATOR_CODES) as Operator[];

/** Maximum size of an `in` / `notIn` set (the circuit's SET_SIZE). */
export const SET_SIZE = 10;
/** Order comparisons are 64-bit in the circuit. */
export const MAX_ORDERED_VALUE = (1n << 64n) - 1n;

/** Operators that compare order (values and operands must be 64-bit). */
export const ORDERED_OPERATORS: ReadonlySet<Operator> = new Set(['lt', 'lte', 'gt', 'gte', 'between', 'notBetween']);
export const RANGE_OPERATORS: ReadonlySet<Operator> = new Set(['between', 'notBetween']);
export const SET_OPERATORS: ReadonlySet<Operator> = new Set(['in', 'notIn']);

export function isOperator(value: unknown): value is Operator {
  return typeof value === 'string' && Object.hasOwn(OPERATOR_CODES, value);
}

/** What the predicate means, evaluated on plain values: the wallet checks before proving. */
export function predicateHolds(
  operator: Operator,
  value: bigint,
  operands: { a: bigint; b: bigint; set: readonly bigint[] },
): boolean {
  const { a, b, set } = operands;
  switch (operator) {
    case 'eq':
      return value === a;
    case 'ne':
      return value !== a;
    case 'lt':
      return value < a;
    case 'lte':
      return value <= a;
    case 'gt':
      return value > a;
    case 'gte':
      return value >= a;
    case 'between':
      return value >= a && value <= b;
    case 'notBetween':
      return value < a || value > b;
    case 'in':
      return set.includes(value);
    case 'notIn':
      return !set.includes(value);
    case 'exists':
      return true;
  }
}
