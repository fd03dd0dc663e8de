import { describe, expect, it } from 'vitest';
import { loadVerifierCurve, multiExpG1, scalarsToBytes } from './bn128.ts';
import { buildFixedBaseTable, fixedBaseMultiExp } from './fixedBaseTable.ts';

describe('fixedBaseMultiExp', () => {
  it('equals the plain multiexp for full-size, small and zero scalars', async () => {
    const curve = await loadVerifierCurve();
    const { G1 } = curve;
    const generator = G1.fromObject([1n, 2n]);
    const points = [3n, 5n, 7n, 11n].map((k) => G1.toAffine(G1.timesScalar(generator, k)));
    const scalars = [curve.r - 1n, 0n, 1n, 2n ** 200n + 12345n];
    const table = buildFixedBaseTable(curve, points);
    const bases = new Uint8Array(64 * points.length);
    for (const [index, point] of points.entries()) bases.set(point, 64 * index);
    const expected = multiExpG1(curve, bases, scalarsToBytes(scalars), points.length);
    expect(G1.eq(fixedBaseMultiExp(curve, table, scalars), expected)).toBe(true);
  });
});
