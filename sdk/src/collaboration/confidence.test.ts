import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { aggregateConfidence, scoreMatch } from './confidence.ts';

describe('aggregateConfidence (hand-computed)', () => {
  // email 0.9 + phone 0.85 + namePostcode 0.6
  const three = [0.9, 0.85, 0.6];
  it.each([
    ['max', 0.9],
    ['min', 0.6],
    ['mean', 0.783333333], // (0.9 + 0.85 + 0.6) / 3 = 2.35 / 3
    ['median', 0.85],
    ['noisyOr', 0.994], // 1 − 0.1 · 0.15 · 0.4 = 1 − 0.006
  ] as const)('%s of email, phone, namePostcode = %f', (aggregator, expected) => {
    expect(aggregateConfidence(three, aggregator)).toBeCloseTo(expected, 9);
  });
  it('median of an even count is the mean of the middle two; nothing gives 0', () => {
    expect(aggregateConfidence([0.9, 0.2, 0.6, 0.85], 'median')).toBeCloseTo(0.725, 9); // (0.6 + 0.85) / 2
    expect(aggregateConfidence([], 'max')).toBe(0);
  });
});

describe('scoreMatch', () => {
  it('email alone: 0.9 primary under every aggregator', () => {
    for (const aggregator of ['max', 'min', 'mean', 'median', 'noisyOr'] as const) {
      expect(scoreMatch({ matchedKinds: ['email'], aggregator })).toMatchObject({ confidence: 0.9, grade: 'primary' });
    }
  });
  it('first + last + postal code count as namePostcode (0.6, secondary), not as three 0.2s', () => {
    const score = scoreMatch({ matchedKinds: ['firstName', 'lastName', 'postalCode'], aggregator: 'mean' });
    expect(score).toEqual({
      confidence: 0.6,
      grade: 'secondary',
      evidence: [{ kind: 'namePostcode', confidence: 0.6 }],
    });
  });
  it('email + namePostcode: max 0.9, mean 0.75 (reaches a 0.75 threshold exactly), noisyOr 0.96', () => {
    const kinds = ['email', 'namePostcode', 'firstName'] as const; // firstName is part of namePostcode: dropped
    expect(scoreMatch({ matchedKinds: kinds }).confidence).toBe(0.9);
    expect(scoreMatch({ matchedKinds: kinds, aggregator: 'mean' }).confidence).toBe(0.75);
    expect(scoreMatch({ matchedKinds: kinds, aggregator: 'noisyOr' }).confidence).toBeCloseTo(0.96, 9); // 1 − 0.1 · 0.4
  });
  it('first name + postal code only: tertiary, max 0.2, noisyOr 0.36', () => {
    expect(scoreMatch({ matchedKinds: ['firstName', 'postalCode'] })).toMatchObject({
      confidence: 0.2,
      grade: 'tertiary',
    });
    expect(scoreMatch({ matchedKinds: ['firstName', 'postalCode'], aggregator: 'noisyOr' }).confidence).toBeCloseTo(
      0.36,
      9,
    ); // 1 − 0.8 · 0.8
  });
  it('takes a collaboration’s own table (the patent lets the service change confidences)', () => {
    expect(scoreMatch({ matchedKinds: ['phone'], confidence: { phone: 0.5 } }).confidence).toBe(0.5);
    let code = '';
    try {
      scoreMatch({ matchedKinds: ['phone'], confidence: { phone: 1.5 } });
    } catch (error) {
      code = error instanceof DecdpError ? error.code : String(error);
    }
    expect(code).toBe('VALUE_OUT_OF_RANGE');
  });
  it('the worked example of docs/collaboration.md: phone + first + last + postal code', () => {
    const kinds = ['phone', 'firstName', 'lastName', 'postalCode'] as const;
    const score = (aggregator: 'max' | 'mean' | 'min' | 'median' | 'noisyOr') =>
      scoreMatch({ matchedKinds: kinds, aggregator }).confidence;
    expect(scoreMatch({ matchedKinds: kinds }).evidence.map((item) => item.kind)).toEqual(['phone', 'namePostcode']);
    expect(score('max')).toBe(0.85);
    expect(score('mean')).toBe(0.725); // (0.85 + 0.6) / 2
    expect(score('median')).toBe(0.725);
    expect(score('min')).toBe(0.6);
    expect(score('noisyOr')).toBe(0.94); // 1 − 0.15 · 0.4
  });
});
