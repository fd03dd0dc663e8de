import { describe, expect, it } from 'vitest';
import { poseidonHash } from '../zk/poseidon.ts';
import { OPERATOR_CODES, OPERATORS } from './operators.ts';
import { describePredicate, isVacuousPredicate, isVacuousRequestPredicate, resolvePredicate } from './predicate.ts';
import type { RequestPredicate } from './request.ts';
import vocabularyJson from './vocabulary.json' with { type: 'json' };
import { dateToDays, encodeCategory, VOCABULARY_VERSION } from './vocabulary.ts';

async function codeOf(predicate: RequestPredicate): Promise<{ code: string; field?: string } | 'OK'> {
  try {
    await resolvePredicate(predicate, 'p');
    return 'OK';
  } catch (error) {
    const { code, field } = error as { code: string; field?: string };
    return { code, ...(field ? { field } : {}) };
  }
}

describe('resolvePredicate', () => {
  it('knows all eleven operators with the circuit codes 1..11', () => {
    expect(OPERATORS).toEqual(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'between', 'notBetween', 'in', 'notIn', 'exists']);
    expect(Object.values(OPERATOR_CODES)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(VOCABULARY_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    // The published vocabulary names the same codes: a change needs a circuit rebuild.
    expect(vocabularyJson.operators.codes).toEqual(OPERATOR_CODES);
  });

  it('encodes dates as day numbers, money in cents, categories by their fixed string encoding', async () => {
    const born = await resolvePredicate({ attribute: 'birthDate', op: 'lte', value: '2008-01-01' }, 'p');
    expect(born.operandA).toBe(dateToDays('2008-01-01'));
    expect(born.operandA).toBe(13879n);
    const spend = await resolvePredicate({ attribute: 'annualSpend', op: 'gte', value: 100_000 }, 'p');
    expect(spend.operandA).toBe(100_000n);
    const country = await resolvePredicate({ attribute: 'countryOfResidence', op: 'in', values: ['NL', 'be'] }, 'p');
    expect(country.set.slice(0, 3)).toEqual([encodeCategory('nl'), encodeCategory('BE'), encodeCategory('NL')]);
    expect(country.set).toHaveLength(10);
    expect(country.setHash).toBe(await poseidonHash(country.set));
  });

  it('refuses an unknown attribute, with a typed error', async () => {
    expect(await codeOf({ attribute: 'shoeSize', op: 'eq', value: 9 })).toEqual({
      code: 'UNKNOWN_ATTRIBUTE',
      field: 'p.attribute',
    });
  });

  it('refuses an unknown operator, with a typed error', async () => {
    expect(await codeOf({ attribute: 'age', op: 'approx', value: 9 })).toEqual({
      code: 'UNKNOWN_OPERATOR',
      field: 'p.op',
    });
  });

  it('refuses values above 2^64 for numbers', async () => {
    expect(await codeOf({ attribute: 'age', op: 'gte', value: (2n ** 64n).toString() })).toEqual({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'p.value',
    });
    expect(await codeOf({ attribute: 'annualSpend', op: 'between', range: [0, (2n ** 64n).toString()] })).toEqual({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'p.range[1]',
    });
    expect(await codeOf({ attribute: 'age', op: 'lt', value: (2n ** 64n - 1n).toString() })).toBe('OK');
  });

  it('refuses swapped range bounds', async () => {
    expect(await codeOf({ attribute: 'age', op: 'between', range: [65, 18] })).toEqual({
      code: 'INVALID_INPUT',
      field: 'p.range',
    });
    expect(await codeOf({ attribute: 'age', op: 'notBetween', range: [18, 18] })).toBe('OK');
  });

  it('refuses order comparisons on categories and sets above ten values', async () => {
    expect(await codeOf({ attribute: 'city', op: 'gt', value: 'Amsterdam' })).toMatchObject({ code: 'INVALID_INPUT' });
    const eleven = Array.from({ length: 11 }, (_, index) => index);
    expect(await codeOf({ attribute: 'age', op: 'in', values: eleven })).toMatchObject({ code: 'VALUE_OUT_OF_RANGE' });
  });

  it('describes what is revealed in plain words', () => {
    expect(describePredicate({ attribute: 'age', op: 'notBetween', range: [18, 25] })).toBe(
      'age not between 18 and 25',
    );
    expect(describePredicate({ attribute: 'interest', op: 'notIn', values: ['golf'] })).toBe(
      'interest is none of golf',
    );
  });
});

describe('isVacuousPredicate', () => {
  const max = (1n << 64n) - 1n;
  const code = (op: keyof typeof OPERATOR_CODES) => BigInt(OPERATOR_CODES[op]);
  it.each([
    ['exists', 0n, 0n, true],
    ['gte', 0n, 0n, true],
    ['gte', 1n, 0n, false],
    ['lte', max, 0n, true],
    ['lte', max - 1n, 0n, false],
    ['between', 0n, max, true],
    ['between', 0n, max - 1n, false],
    ['notBetween', 65n, 18n, true],
    ['notBetween', 18n, 65n, false],
    ['gt', 0n, 0n, false],
    ['lt', max, 0n, false],
    ['ne', 5n, 0n, false],
  ] as const)('%s %s %s → %s', (op, operandA, operandB, vacuous) => {
    expect(isVacuousPredicate({ operatorCode: code(op), operandA, operandB })).toBe(vacuous);
  });

  it('reads request predicates as written (dates, money) and says no to what does not encode', () => {
    expect(isVacuousRequestPredicate({ attribute: 'birthDate', op: 'gte', value: '1970-01-01' })).toBe(true);
    expect(isVacuousRequestPredicate({ attribute: 'age', op: 'exists' })).toBe(true);
    expect(isVacuousRequestPredicate({ attribute: 'age', op: 'gte', value: 18 })).toBe(false);
    expect(isVacuousRequestPredicate({ attribute: 'nope', op: 'exists' })).toBe(false);
  });
});
