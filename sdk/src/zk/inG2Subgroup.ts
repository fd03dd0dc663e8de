// Is a point of the twist E'(Fp²) in BN254's order-r group G2? The twist has a cofactor, so a
// point can satisfy the curve equation and still be outside G2; the EVM precompile refuses
// those and so do we. r·P = O decides it but costs a 254-bit G2 multiplication (≈ 0.75 ms
// here); the endomorphism test of El Housni, Guillevic and Piellard (eprint 2022/348, §3 and
// §5.1, as in gnark-crypto) needs one 63-bit multiplication (≈ 0.2 ms):
//   P ∈ G2  ⇔  [x₀+1]P + ψ([x₀]P) + ψ²([x₀]P) = ψ³([2x₀]P),  x₀ = 4965661367192848881,
// with ψ(x, y) = (x̄·ξ^((p−1)/3), ȳ·ξ^((p−1)/2)), ξ = 9 + u (the twist's non-residue).
import type { Bn128, Bytes } from './bn128.ts';

const X0 = 4965661367192848881n;

type F2 = {
  fromObject(value: readonly bigint[]): Bytes;
  mul(a: Bytes, b: Bytes): Bytes;
  exp(a: Bytes, exponent: bigint): Bytes;
};
type F1 = { neg(a: Bytes): Bytes; n8: number };

const constants = new WeakMap<Bn128, { c2: Bytes; c3: Bytes }>();

function psiConstants(curve: Bn128): { c2: Bytes; c3: Bytes } {
  let known = constants.get(curve);
  if (!known) {
    const F2 = (curve as unknown as { F2: F2 }).F2;
    const xi = F2.fromObject([9n, 1n]);
    known = { c2: F2.exp(xi, (curve.q - 1n) / 3n), c3: F2.exp(xi, (curve.q - 1n) / 2n) };
    constants.set(curve, known);
  }
  return known;
}

/** ψ, the twisted Frobenius endomorphism; on G2 it acts as multiplication by p. */
export function psi(curve: Bn128, point: Bytes): Bytes {
  if (curve.G2.isZero(point)) return curve.G2.zero;
  const { F2, F1 } = curve as unknown as { F2: F2; F1: F1 };
  const { c2, c3 } = psiConstants(curve);
  const affine = curve.G2.toAffine(point);
  const n = F1.n8;
  const conjugate = (offset: number) => {
    const value = new Uint8Array(2 * n);
    value.set(affine.subarray(offset, offset + n), 0);
    value.set(F1.neg(affine.slice(offset + n, offset + 2 * n)), n);
    return value;
  };
  const result = new Uint8Array(4 * n);
  result.set(F2.mul(conjugate(0), c2), 0);
  result.set(F2.mul(conjugate(2 * n), c3), 2 * n);
  return result;
}

export function inG2Subgroup(curve: Bn128, point: Bytes): boolean {
  const { G2 } = curve;
  if (G2.isZero(point)) return true;
  const xP = G2.timesScalar(point, X0);
  const psiXP = psi(curve, xP);
  const left = G2.add(G2.add(G2.add(xP, point), psiXP), psi(curve, psiXP));
  const right = psi(curve, psi(curve, psi(curve, G2.add(xP, xP))));
  return G2.eq(left, right);
}
