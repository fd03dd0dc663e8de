import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestProofs, type TestProof } from '../testing/makeTestProofs.ts';
import { type Tampered, tamperProof } from '../testing/tamperProof.ts';
import { loadVerifierCurve } from './bn128.ts';
import { releaseProverThreads, type VerificationKey } from './groth16.ts';
import { loadNodeArtifacts } from './loadNodeArtifacts.ts';
import { prepareVerifier } from './prepareVerifier.ts';
import { verifyBatch } from './verifyBatch.ts';

let vkey: VerificationKey;
let proofs: [TestProof, TestProof];
let cases: Tampered[];

beforeAll(async () => {
  vkey = (await loadNodeArtifacts()).verificationKey;
  proofs = (await makeTestProofs(2)) as [TestProof, TestProof];
  const curve = await loadVerifierCurve();
  cases = [...tamperProof(proofs[0], proofs[1], curve), ...tamperProof(proofs[1], proofs[0], curve)];
});
afterAll(releaseProverThreads);

/** What single verification says, with unreadable input counted as false. */
async function singleAnswers(items: readonly Tampered[]): Promise<boolean[]> {
  const verifier = await prepareVerifier(vkey);
  return Promise.all(
    items.map((item) => verifier.verify(item.proof, item.publicSignals as string[]).catch(() => false)),
  );
}

describe('verifyBatch', () => {
  it('accepts a batch of valid proofs in one check', async () => {
    const items = Array.from({ length: 16 }, (_, index) => proofs[index % 2] as TestProof);
    expect(await verifyBatch(vkey, items)).toEqual(items.map(() => true));
    expect(await verifyBatch(vkey, [])).toEqual([]);
  });

  it('answers each proof as single verification does, valid and tampered mixed', async () => {
    const results = await verifyBatch(vkey, cases);
    expect(results).toEqual(await singleAnswers(cases));
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });

  it('finds one bad proof among valid ones by bisection', async () => {
    const bad = cases.find((item) => item.name === 'signal 8 + 1') as Tampered;
    for (const position of [0, 5, 11]) {
      const items: Tampered[] = Array.from({ length: 12 }, (_, index) => ({
        name: 'valid',
        ...(proofs[index % 2] as TestProof),
      }));
      items[position] = bad;
      const expected = items.map((_, index) => index !== position);
      expect(await verifyBatch(vkey, items)).toEqual(expected);
    }
  });

  it('is not fooled by two proofs whose errors cancel, thanks to random weights', async () => {
    // Moving a point from one proof's C to the other's keeps the product of pairings when all
    // rᵢ are equal: a constant "random" source accepts both. Real random weights refuse both.
    const [first, second] = proofs;
    const curve = await loadVerifierCurve();
    const { G1 } = curve;
    const shift = G1.fromObject([1n, 2n]);
    const toObject = (point: Uint8Array) => (G1.toObject(G1.toAffine(point)) as bigint[]).map(String);
    const c1 = G1.fromObject(first.proof.pi_c.map(BigInt));
    const c2 = G1.fromObject(second.proof.pi_c.map(BigInt));
    const items = [
      { ...first, proof: { ...first.proof, pi_c: toObject(G1.add(c1, shift)) } },
      { ...second, proof: { ...second.proof, pi_c: toObject(G1.add(c2, G1.neg(shift))) } },
    ];
    expect(await verifyBatch(vkey, items, { random: () => 1n })).toEqual([true, true]);
    expect(await verifyBatch(vkey, items)).toEqual([false, false]);
  });
});
