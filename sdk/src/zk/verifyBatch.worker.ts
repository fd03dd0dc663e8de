// One verifier thread of createBatchVerifierPool: prepares the key once, says so, then answers slices.
import { parentPort, workerData } from 'node:worker_threads';
import type { VerificationKey } from './groth16.ts';
import { prepareVerifier } from './prepareVerifier.ts';
import { type BatchItem, verifyBatch } from './verifyBatch.ts';

export type VerifyRequest = { id: number; items: BatchItem[]; method: 'batch' | 'single' };
export type VerifyAnswer = { id: number; results: boolean[] } | { id: number; error: string };
/** The thread's first message: its key is prepared, or preparing it failed. */
export type PreparedAnswer = { prepared: true } | { prepared: false; error: string };

const verificationKey = (workerData as { verificationKey: VerificationKey }).verificationKey;
const verifier = prepareVerifier(verificationKey);
verifier.then(
  () => parentPort?.postMessage({ prepared: true } satisfies PreparedAnswer),
  (error: unknown) => parentPort?.postMessage({ prepared: false, error: String(error) } satisfies PreparedAnswer),
);

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
