import { describe, expect, it } from 'vitest';
import { AGE_BANDS, ageInYears, bandFloor, describeBand, startOfYear } from './bands.ts';

describe('bands', () => {
  it('keeps the lower bound of the band, never the value', () => {
    expect(bandFloor(17, AGE_BANDS)).toBe(0);
    expect(bandFloor(18, AGE_BANDS)).toBe(18);
    expect(bandFloor(34, AGE_BANDS)).toBe(25);
    expect(bandFloor(90, AGE_BANDS)).toBe(65);
    expect(describeBand(0, AGE_BANDS, 'years')).toBe('under 18 years');
    expect(describeBand(25, AGE_BANDS)).toBe('25–34');
    expect(describeBand(65, AGE_BANDS)).toBe('65+');
  });

  it('counts age in whole years around the birthday', () => {
    const now = Date.parse('2026-04-11T12:00:00Z') / 1000;
    expect(ageInYears('1990-04-12', now)).toBe(35);
    expect(ageInYears('1990-04-11', now)).toBe(36);
    expect(startOfYear('2015-06-03')).toBe('2015-01-01');
  });
});
