import { describe, expect, it } from 'vitest';
// Points of G2 from the committed verification key (any G2 point would do).
import vkey from '../../../circuits/build/credential.vkey.json' with { type: 'json' };
import { nonSubgroupG2 } from '../testing/tamperProof.ts';
import { loadVerifierCurve } from './bn128.ts';
import { inG2Subgroup, psi } from './inG2Subgroup.ts';

const toPoint = (value: string[][]) => value.map((pair) => pair.map(BigInt));

describe('inG2Subgroup', () => {
  it('ψ acts as multiplication by p on G2 (the constants are right)', async () => {
    const curve = await loadVerifierCurve();
    const point = curve.G2.fromObject(toPoint(vkey.vk_delta_2));
    expect(curve.G2.eq(psi(curve, point), curve.G2.timesScalar(point, curve.q % curve.r))).toBe(true);
  });

  it('agrees with r·P = O on group points, multiples and points outside the group', async () => {
    const curve = await loadVerifierCurve();
    const { G2 } = curve;
    const inside = [vkey.vk_beta_2, vkey.vk_gamma_2, vkey.vk_delta_2].map((p) => G2.fromObject(toPoint(p)));
    inside.push(G2.timesScalar(inside[0] as Uint8Array, 123456789n), G2.zero);
    const outside = G2.fromObject(toPoint(nonSubgroupG2(curve)));
    const candidates = [...inside, outside, G2.add(outside, inside[1] as Uint8Array), G2.timesScalar(outside, 7n)];
    for (const point of candidates) {
      expect(G2.isValid(point)).toBe(true);
      expect(inG2Subgroup(curve, point)).toBe(G2.isZero(G2.timesScalar(point, curve.r)));
    }
    expect(inG2Subgroup(curve, outside)).toBe(false);
  });
});
