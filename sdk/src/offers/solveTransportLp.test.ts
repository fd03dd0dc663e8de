import { describe, expect, it } from 'vitest';
import { createTransportLpSession, solveTransportLp, type TransportLp } from './solveTransportLp.ts';

// 2 contexts (rows 0, 1) × 2 offers (rows 2, 3): columns (c0,o0) (c1,o0) (c0,o1) (c1,o1).
/** Values with −0 read as 0 (HiGHS returns −0 for some nonbasic columns). */
const plain = (values: Float64Array) => [...values].map((value) => value + 0);

function lp(gain: number[], lower = [0, 0, 0, 0]): TransportLp {
  return {
    rowsOf: Int32Array.from([0, 2, 1, 2, 0, 3, 1, 3]),
    gain: Float64Array.from(gain),
    lower: Float64Array.from(lower),
    upper: Float64Array.from([10, 10, 10, 10]),
    rowUpper: Float64Array.from([10, 10, 10, 10]),
  };
}

describe('solveTransportLp', () => {
  it('a session re-solves the same shape warm and gives the same optimum as a fresh model', async () => {
    const session = createTransportLpSession();
    try {
      const first = await solveTransportLp(lp([0.04, 0.01, 0.01, 0.04]), session);
      expect(first.warm).toBe(false);
      expect(plain(first.values)).toEqual([10, 0, 0, 10]);
      // The estimates flip: the warm re-solve must follow, exactly like a fresh solve.
      const second = await solveTransportLp(lp([0.01, 0.04, 0.04, 0.01], [1, 0, 0, 0]), session);
      const fresh = await solveTransportLp(lp([0.01, 0.04, 0.04, 0.01], [1, 0, 0, 0]));
      expect(second.warm).toBe(true);
      expect(plain(second.values)).toEqual(plain(fresh.values));
      expect(second.values[0]).toBeCloseTo(1, 9);
      expect(second.objective).toBeCloseTo(fresh.objective, 12);
      // Another shape: a fresh model in the same session.
      const other = await solveTransportLp(
        { ...lp([1, 1, 1, 1]), rowsOf: Int32Array.from([0, 3, 1, 2, 0, 2, 1, 3]) },
        session,
      );
      expect(other.warm).toBe(false);
    } finally {
      session.dispose();
    }
  });
});
