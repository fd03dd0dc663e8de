// Σ sᵢ·Pᵢ for a few fixed points Pᵢ and full-size scalars sᵢ (the verification key's IC points
// and the public signals). The wasm multiexp picks its window from the number of points: for
// 14 points it walks 254 one-bit windows (≈ 1 ms). Precomputing Pᵢ·2^(32k), k = 0..7, turns
// the same sum into 112 points with 32-bit scalars, which it does in 8 four-bit windows
// (≈ 0.3 ms). The table is 7 KB.
import { type Bn128, type Bytes, multiExpG1 } from './bn128.ts';

const LIMB_BITS = 32n;
const LIMBS = 8;

export type FixedBaseTable = { points: number; bases: Bytes };

export function buildFixedBaseTable(curve: Bn128, points: readonly Bytes[]): FixedBaseTable {
  const { G1 } = curve;
  const bases = new Uint8Array(64 * LIMBS * points.length);
  for (const [index, point] of points.entries()) {
    let multiple = point;
    for (let limb = 0; limb < LIMBS; limb++) {
      bases.set(G1.toAffine(multiple), 64 * (index * LIMBS + limb));
      multiple = G1.timesScalar(multiple, 1n << LIMB_BITS);
    }
  }
  return { points: points.length, bases };
}

/** Σ scalars[i]·points[i]; scalars below 2^256. Jacobian result. */
export function fixedBaseMultiExp(curve: Bn128, table: FixedBaseTable, scalars: readonly bigint[]): Bytes {
  if (scalars.length !== table.points) throw new Error('one scalar per table point');
  const bytes = new Uint8Array(4 * LIMBS * table.points);
  const view = new DataView(bytes.buffer);
  for (const [index, scalar] of scalars.entries()) {
    let rest = scalar;
    for (let limb = 0; limb < LIMBS; limb++) {
      view.setUint32(4 * (index * LIMBS + limb), Number(rest & 0xffffffffn), true);
      rest >>= LIMB_BITS;
    }
  }
  return multiExpG1(curve, table.bases, bytes, LIMBS * table.points, 4);
}
