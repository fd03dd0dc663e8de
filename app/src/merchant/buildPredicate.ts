// Turns what the merchant typed into a request predicate of the vocabulary's type.
import { InvalidInputError } from '@decdp/sdk/errors';
import {
  type AttributeDefinition,
  isVacuousRequestPredicate,
  OPERATORS,
  type Operator,
  ORDERED_OPERATORS,
  RANGE_OPERATORS,
  type RequestPredicate,
  SET_OPERATORS,
  SET_SIZE,
} from '@decdp/sdk/protocol';

/**
 * The operators that make sense for an attribute: no order comparisons on categories or booleans,
 * and no `exists`, which every holder satisfies (a request for it learns nothing).
 */
export function operatorsFor(attribute: AttributeDefinition): Operator[] {
  const ordered = attribute.type !== 'category' && attribute.type !== 'boolean';
  return OPERATORS.filter((op) => op !== 'exists' && (ordered || !ORDERED_OPERATORS.has(op)));
}

export const OPERATOR_WORDS: Record<Operator, string> = {
  eq: 'is',
  ne: 'is not',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
  between: 'is between',
  notBetween: 'is not between',
  in: 'is one of',
  notIn: 'is none of',
  exists: 'exists (any value)',
};

/** A predicate operand as JSON carries it. */
export type OperandValue = string | number | boolean;

export function parseRawValue(attribute: AttributeDefinition, text: string, field: string): OperandValue {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidInputError(`${field} is empty.`, { field, hint: 'Type a value.' });
  switch (attribute.type) {
    case 'boolean':
      if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
      throw new InvalidInputError(`${field} must be true or false.`, { field });
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
        throw new InvalidInputError(`${field} must be a date (YYYY-MM-DD).`, { field });
      }
      return trimmed;
    case 'category':
      return trimmed;
    case 'integer':
    case 'money': {
      const value = Number(trimmed);
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new InvalidInputError(
          `${field} must be a whole number${attribute.unit ? ` of ${attribute.unit}` : ''}.`,
          {
            field,
          },
        );
      }
      return value;
    }
  }
}

/** Builds the predicate; refuses one every holder satisfies ("exists", "age ≥ 0"): it proves nothing. */
export function buildPredicate(params: {
  attribute: AttributeDefinition;
  op: Operator;
  value: string;
  valueTo: string;
}): RequestPredicate {
  const predicate = typedPredicate(params);
  if (isVacuousRequestPredicate(predicate)) {
    throw new InvalidInputError(
      `Every holder of a ${params.attribute.label} credential satisfies this: it proves nothing.`,
      {
        field: RANGE_OPERATORS.has(params.op) ? 'From' : 'Value',
        hint: 'Ask for something that tells customers apart, e.g. age ≥ 18.',
      },
    );
  }
  return predicate;
}

function typedPredicate(params: { attribute: AttributeDefinition; op: Operator; value: string; valueTo: string }) {
  const { attribute, op } = params;
  if (op === 'exists') return { attribute: attribute.id, op } satisfies RequestPredicate;
  if (RANGE_OPERATORS.has(op)) {
    return {
      attribute: attribute.id,
      op,
      range: [parseRawValue(attribute, params.value, 'From'), parseRawValue(attribute, params.valueTo, 'To')],
    } satisfies RequestPredicate;
  }
  if (SET_OPERATORS.has(op)) {
    const parts = params.value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (parts.length === 0 || parts.length > SET_SIZE) {
      throw new InvalidInputError(`Values: give 1 to ${SET_SIZE} values separated by commas.`, { field: 'Values' });
    }
    return {
      attribute: attribute.id,
      op,
      values: parts.map((part) => parseRawValue(attribute, part, 'Values')),
    } satisfies RequestPredicate;
  }
  return {
    attribute: attribute.id,
    op,
    value: parseRawValue(attribute, params.value, 'Value'),
  } satisfies RequestPredicate;
}
