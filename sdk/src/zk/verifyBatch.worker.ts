// One verifier thread of createBatchVerifierPool: prepares the key once, then answers slices.
import { parentPort, workerData } from 'node:worker_threads';
import type { VerificationKey } from './groth16.ts';
import { prepareVerifier } from './prepareVerifier.ts';
import { type BatchItem, verifyBatch } from './verifyBatch.ts';

export type VerifyRequest = { id: number; items: BatchItem[]; method: 'batch' | 'single' };
export type VerifyAnswer = { id: number; results: boolean[] } | { id: number; error: string };

const verificationKey = (workerData as { verificationKey: VerificationKey }).verificationKey;
const verifier = prepareVerifier(verificationKey);

parentPort?.on('message', async ({ id, items, method }: VerifyRequest) => {
  try {
    const results =
      method === 'batch'
        ? await verifyBatch(verificationKey, items)
        : await Promise.all(
            items.map(async (item) => (await verifier).verify(item.proof, item.publicSignals).catch(() => false)),
          );
    parentPort?.postMessage({ id, results } satisfies VerifyAnswer);
  } catch (error) {
    parentPort?.postMessage({ id, error: String(error) } satisfies VerifyAnswer);
  }
});
