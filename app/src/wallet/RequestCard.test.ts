import { describe, expect, it } from 'vitest';
import { proofFraction } from './RequestCard.tsx';

describe('proofFraction', () => {
  it('counts bytes while loading, then proofs, moving with the time estimate but never finishing early', () => {
    expect(proofFraction({ step: 'proving', progress: null }, 0)).toBe(0);
    expect(proofFraction({ step: 'proving', progress: { stage: 'artifacts', done: 50, total: 100 } }, 0)).toBeCloseTo(
      0.1,
    );
    const second = {
      step: 'proving' as const,
      progress: { stage: 'proving' as const, done: 1, total: 2, estimateMs: 1000 },
    };
    expect(proofFraction(second, 0)).toBeCloseTo(0.6);
    expect(proofFraction(second, 500)).toBeCloseTo(0.8);
    // Slower than expected: the bar stops short of the end instead of lying.
    expect(proofFraction(second, 5000)).toBeCloseTo(0.98);
    expect(proofFraction({ step: 'sending' }, 0)).toBe(1);
  });
});
