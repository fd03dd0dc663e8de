import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestProofs, type TestProof } from '../testing/makeTestProofs.ts';
import { tamperProof } from '../testing/tamperProof.ts';
import { loadVerifierCurve } from './bn128.ts';
import { createBatchVerifierPool } from './createBatchVerifierPool.ts';
import { releaseProverThreads, type VerificationKey } from './groth16.ts';
import { loadNodeArtifacts } from './loadNodeArtifacts.ts';
import { prepareVerifier } from './prepareVerifier.ts';

let vkey: VerificationKey;
let proofs: [TestProof, TestProof];

beforeAll(async () => {
  vkey = (await loadNodeArtifacts()).verificationKey;
  proofs = (await makeTestProofs(2)) as [TestProof, TestProof];
});
afterAll(releaseProverThreads);

describe('createBatchVerifierPool', () => {
  it('answers like single verification, across threads, batch and one by one', async () => {
    const cases = tamperProof(proofs[0], proofs[1], await loadVerifierCurve());
    const verifier = await prepareVerifier(vkey);
    const expected = await Promise.all(
      cases.map((item) => verifier.verify(item.proof, item.publicSignals).catch(() => false)),
    );
    const pool = await createBatchVerifierPool({ verificationKey: vkey, threads: 2 });
    try {
      expect(await pool.verifyBatch(cases)).toEqual(expected);
      expect(await pool.verifyEach(cases)).toEqual(expected);
      expect(await pool.verifyBatch([])).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});
