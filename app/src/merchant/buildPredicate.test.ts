import { getAttribute } from '@decdp/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { buildPredicate, operatorsFor } from './buildPredicate.ts';

describe('buildPredicate', () => {
  it('types the value by the attribute', () => {
    expect(buildPredicate({ attribute: getAttribute('age'), op: 'gte', value: ' 18 ', valueTo: '' })).toEqual({
      attribute: 'age',
      op: 'gte',
      value: 18,
    });
    expect(
      buildPredicate({ attribute: getAttribute('newsletterOptIn'), op: 'eq', value: 'true', valueTo: '' }),
    ).toEqual({ attribute: 'newsletterOptIn', op: 'eq', value: true });
    expect(
      buildPredicate({
        attribute: getAttribute('birthDate'),
        op: 'between',
        value: '1990-01-01',
        valueTo: '2000-12-31',
      }),
    ).toEqual({ attribute: 'birthDate', op: 'between', range: ['1990-01-01', '2000-12-31'] });
  });

  it('splits sets on commas', () => {
    expect(
      buildPredicate({ attribute: getAttribute('interest'), op: 'in', value: 'cycling, running,', valueTo: '' }),
    ).toEqual({ attribute: 'interest', op: 'in', values: ['cycling', 'running'] });
  });

  it('refuses statements every holder satisfies (exists, ≥ 0): they prove nothing', () => {
    expect(() => buildPredicate({ attribute: getAttribute('city'), op: 'exists', value: '', valueTo: '' })).toThrow(
      /proves nothing/,
    );
    expect(() => buildPredicate({ attribute: getAttribute('age'), op: 'gte', value: '0', valueTo: '' })).toThrow(
      expect.objectContaining({ field: 'Value' }),
    );
    expect(buildPredicate({ attribute: getAttribute('age'), op: 'gte', value: '1', valueTo: '' })).toEqual({
      attribute: 'age',
      op: 'gte',
      value: 1,
    });
  });

  it('refuses what the circuit cannot take, naming the field', () => {
    expect(() => buildPredicate({ attribute: getAttribute('age'), op: 'gte', value: '18.5', valueTo: '' })).toThrow(
      /Value must be a whole number of years/,
    );
    expect(() => buildPredicate({ attribute: getAttribute('age'), op: 'eq', value: '', valueTo: '' })).toThrow(
      /Value is empty/,
    );
  });

  it('offers no order comparisons on categories', () => {
    expect(operatorsFor(getAttribute('interest'))).toEqual(['eq', 'ne', 'in', 'notIn']);
    expect(operatorsFor(getAttribute('age'))).toContain('between');
  });
});
