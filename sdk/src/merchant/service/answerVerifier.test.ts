import { describe, expect, it } from 'vitest';
import type { BatchVerifierPool } from '../../zk/createBatchVerifierPool.ts';
import type { BatchItem } from '../../zk/verifyBatch.ts';
import { createVerifierThreads } from './answerVerifier.ts';

// A fake thread: proofs whose `proof` is 'bad' fail; it records the batches it was given.
function fakePool(batches: number[][]): BatchVerifierPool {
  return {
    threads: 1,
    async verifyBatch(items: readonly BatchItem[]) {
      batches.push(items.map((item) => Number(item.publicSignals)));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((item) => item.proof !== 'bad');
    },
    verifyEach: async () => [],
    close: async () => {},
  };
}
const item = (id: number, proof = 'ok'): BatchItem => ({ proof, publicSignals: id });

describe('createVerifierThreads', () => {
  it('groups proofs that arrive together, one batch per thread, and answers each caller', async () => {
    const batches: number[][] = [];
    const verifier = await createVerifierThreads({
      verificationKey: {},
      pools: [fakePool(batches), fakePool(batches)],
      maxBatch: 4,
    });
    const answers = await Promise.all([
      verifier.verify([item(1), item(2, 'bad')]),
      verifier.verify([item(3)]),
      verifier.verify([item(4), item(5)]),
      verifier.verify([item(6, 'bad')]),
      verifier.verify([item(7)]),
      verifier.verify([item(8)]),
    ]);
    expect(answers).toEqual([[true, false], [true], [true, true], [false], [true], [true]]);
    // Two threads took the first two groups at once (≤ 4 proofs each); the rest waited for a free thread.
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6, 7], [8]]);
    expect(verifier.stats()).toEqual({ batches: 3, proofs: 8 });
    await verifier.close();
  });

  it('passes a thread failure to every caller of that batch', async () => {
    const broken: BatchVerifierPool = { ...fakePool([]), verifyBatch: async () => Promise.reject(new Error('boom')) };
    const verifier = await createVerifierThreads({ verificationKey: {}, pools: [broken] });
    await expect(verifier.verify([item(1)])).rejects.toThrow('boom');
    await verifier.close();
  });
});
