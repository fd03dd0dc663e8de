import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { makeTestProofs, type TestProof } from '../testing/makeTestProofs.ts';
import { type Tampered, tamperProof } from '../testing/tamperProof.ts';
import { loadVerifierCurve } from './bn128.ts';
import { releaseProverThreads, type VerificationKey, verifyGroth16 } from './groth16.ts';
import { loadNodeArtifacts } from './loadNodeArtifacts.ts';
import { type PreparedVerifier, prepareVerifier } from './prepareVerifier.ts';

let vkey: VerificationKey;
let verifier: PreparedVerifier;
let proofs: TestProof[];
let cases: Tampered[];

beforeAll(async () => {
  vkey = (await loadNodeArtifacts()).verificationKey;
  proofs = await makeTestProofs(2);
  verifier = await prepareVerifier(vkey);
  const [first, second] = proofs as [TestProof, TestProof];
  cases = [
    ...tamperProof(first, second, await loadVerifierCurve()),
    ...tamperProof(second, first, await loadVerifierCurve()),
  ];
});
afterAll(releaseProverThreads);

type Outcome = 'true' | 'false' | 'throw';
const outcome = async (run: () => Promise<boolean>): Promise<Outcome> => {
  try {
    return String(await run()) as Outcome;
  } catch (error) {
    // verifyGroth16 and the prepared verifier both report unreadable input as PROOF_INVALID.
    expect(error).toBeInstanceOf(DecdpError);
    expect((error as DecdpError).code).toBe('PROOF_INVALID');
    return 'throw';
  }
};

describe('prepareVerifier agrees with snarkjs (verifyGroth16)', () => {
  it('on valid proofs and every tampered one', async () => {
    const rows: string[] = [];
    for (const item of cases) {
      const reference = await outcome(() =>
        verifyGroth16(vkey, item.proof as never, item.publicSignals as readonly string[]),
      );
      const ours = await outcome(() => verifier.verify(item.proof, item.publicSignals as readonly string[]));
      const expected = item.stricter ?? reference;
      if (ours !== expected) rows.push(`${item.name}: snarkjs ${reference}, prepared ${ours}`);
      if (item.name === 'valid') expect(ours).toBe('true');
    }
    expect(rows).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });

  it('rejects where snarkjs is looser, and says so in the test names', async () => {
    const stricter = cases.filter((item) => item.stricter);
    expect(stricter.map((item) => item.name)).toContain('A x + q (non-canonical)');
    const acceptedBySnarkjs: string[] = [];
    for (const item of stricter) {
      const reference = await outcome(() =>
        verifyGroth16(vkey, item.proof as never, item.publicSignals as readonly string[]),
      );
      const ours = await outcome(() => verifier.verify(item.proof, item.publicSignals as readonly string[]));
      // Our verifier gives the answer the case names, and never accepts.
      expect(ours, item.name).toBe(item.stricter);
      if (reference === 'true') acceptedBySnarkjs.push(item.name);
    }
    // The cases are stricter than snarkjs for real: snarkjs accepts at least the non-canonical point.
    expect(acceptedBySnarkjs).toContain('A x + q (non-canonical)');
  });

  it('refuses a valid proof under another verification key', async () => {
    const other = structuredClone(vkey) as Record<string, unknown>;
    other.vk_delta_2 = vkey.vk_gamma_2;
    const [proof] = proofs as [TestProof];
    const otherVerifier = await prepareVerifier(other);
    expect(await otherVerifier.verify(proof.proof, proof.publicSignals)).toBe(false);
    expect(await verifyGroth16(other, proof.proof, proof.publicSignals)).toBe(false);
    const shuffled = structuredClone(vkey) as { IC: unknown[] };
    [shuffled.IC[1], shuffled.IC[2]] = [shuffled.IC[2], shuffled.IC[1]];
    expect(await (await prepareVerifier(shuffled)).verify(proof.proof, proof.publicSignals)).toBe(false);
  });

  it('refuses keys it cannot prepare, in words', async () => {
    await expect(prepareVerifier({ ...vkey, protocol: 'plonk' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(prepareVerifier({ ...vkey, IC: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'verificationKey',
    });
  });
});
