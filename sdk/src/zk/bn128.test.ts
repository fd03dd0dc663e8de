import { describe, expect, it } from 'vitest';
import { type Bn128, loadVerifierCurve, millerLoopProduct } from './bn128.ts';

/** BN254's standard G2 generator (EIP-197). */
const generatorG2 = (curve: Bn128) =>
  curve.G2.fromObject([
    [
      10857046999023057135944570762232829481370756359578518086990519993285655852781n,
      11559732032986387107991004021392285783925812861821192530917403151452391805634n,
    ],
    [
      8495653923123431417604973247489272438418190587263600148770280649306958101930n,
      4082367875863433681332203403145435568316851327593401208105741076214120093531n,
    ],
    [1n, 0n],
  ]);

describe('millerLoopProduct', () => {
  it('equals the product of one Miller loop per pair, value for value', async () => {
    const curve = await loadVerifierCurve();
    const { G1, G2, Gt } = curve;
    const g1 = G1.fromObject([1n, 2n]);
    const g2 = G2.toJacobian(generatorG2(curve));
    const pairs = [3n, 5n, 7n].map((k, index) => ({
      g1: G1.timesScalar(g1, k),
      preparedG2: curve.prepareG2(G2.timesScalar(g2, BigInt(index + 2))),
    }));
    let expected = Gt.one;
    for (const pair of pairs) {
      expected = Gt.mul(expected, curve.millerLoop(curve.prepareG1(pair.g1), pair.preparedG2));
    }
    expect(Gt.eq(millerLoopProduct(curve, pairs), expected)).toBe(true);
    const [first] = pairs as [(typeof pairs)[number]];
    const single = curve.millerLoop(curve.prepareG1(first.g1), first.preparedG2);
    expect(Gt.eq(millerLoopProduct(curve, [first]), single)).toBe(true);
    // Bilinearity through the final exponentiation: e(3P, 2Q)·e(−6P, Q) = 1.
    const cancel = millerLoopProduct(curve, [
      { g1: G1.timesScalar(g1, 3n), preparedG2: curve.prepareG2(G2.timesScalar(g2, 2n)) },
      { g1: G1.neg(G1.timesScalar(g1, 6n)), preparedG2: curve.prepareG2(g2) },
    ]);
    expect(Gt.eq(curve.finalExponentiation(cancel), Gt.one)).toBe(true);
    expect(Gt.eq(curve.finalExponentiation(millerLoopProduct(curve, pairs)), Gt.one)).toBe(false);
    expect(Gt.eq(millerLoopProduct(curve, []), Gt.one)).toBe(true);
  });

  it("takes more pairs than fit in the curve's wasm memory at once (a batch of 256 proofs)", async () => {
    const curve = await loadVerifierCurve();
    const { G1, G2, Gt } = curve;
    // e(P, Q)^(1+2+…+n) · e(−(n(n+1)/2)·P, Q) = 1, with n = 260 pairs in all (the memory holds ≈ 75).
    const g1 = G1.fromObject([1n, 2n]);
    const preparedQ = curve.prepareG2(G2.toJacobian(generatorG2(curve)));
    const n = 259;
    const pairs = Array.from({ length: n }, (_, index) => ({
      g1: G1.timesScalar(g1, BigInt(index + 1)),
      preparedG2: preparedQ,
    }));
    pairs.push({ g1: G1.neg(G1.timesScalar(g1, BigInt((n * (n + 1)) / 2))), preparedG2: preparedQ });
    expect(Gt.eq(curve.finalExponentiation(millerLoopProduct(curve, pairs)), Gt.one)).toBe(true);
  });
});
