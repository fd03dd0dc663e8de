// Node only: batch verification on every core. Each worker thread has its own single-threaded
// curve and verifies a contiguous slice with a random linear combination (verifyBatch), so two
// cores verify about twice as many proofs per second as one. Not exported from the browser-safe
// zk index: import this file directly.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProofInvalidError } from '../errors/index.ts';
import type { VerificationKey } from './groth16.ts';
import type { BatchItem } from './verifyBatch.ts';
import type { PreparedAnswer, VerifyAnswer, VerifyRequest } from './verifyBatch.worker.ts';

export type BatchVerifierPool = {
  threads: number;
  /** Per-proof answers, equal to single verification (unreadable input is false). */
  verifyBatch(items: readonly BatchItem[]): Promise<boolean[]>;
  /** For comparison: one exact check per proof, spread over the threads. */
  verifyEach(items: readonly BatchItem[]): Promise<boolean[]>;
  close(): Promise<void>;
};

export async function createBatchVerifierPool(params: {
  verificationKey: VerificationKey;
  /** Default: one per core. */
  threads?: number;
}): Promise<BatchVerifierPool> {
  const threads = Math.max(1, params.threads ?? availableParallelism());
  const workers = Array.from(
    { length: threads },
    () =>
      // .ts beside the sources, .js in the built package.
      new Worker(new URL(`./verifyBatch.worker${extname(import.meta.url)}`, import.meta.url), {
        // ffjavascript loads the `web-worker` package, which, inside any worker thread, assumes
        // it was started by itself and imports `workerData.mod`; an empty module keeps it quiet.
        workerData: { verificationKey: params.verificationKey, mod: 'data:text/javascript,', type: 'module' },
      }),
  );
  const pending = new Map<number, { resolve(results: boolean[]): void; reject(error: unknown): void }>();
  let nextId = 1;
  // Resolved once every thread has its key prepared (curve built, tables filled, ≈ 1 s each), so
  // the first answers after start do not pay for it.
  const prepared: Promise<unknown>[] = [];
  for (const worker of workers) {
    let preparedJob: { resolve(): void; reject(error: unknown): void } | undefined;
    prepared.push(
      new Promise<void>((resolve, reject) => {
        preparedJob = { resolve, reject };
      }),
    );
    worker.on('message', (answer: VerifyAnswer | PreparedAnswer) => {
      if ('prepared' in answer) {
        if (answer.prepared) preparedJob?.resolve();
        else
          preparedJob?.reject(
            new ProofInvalidError('A verifier thread could not prepare the key.', { details: [answer.error] }),
          );
        return;
      }
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      if ('results' in answer) job?.resolve(answer.results);
      else job?.reject(new ProofInvalidError('A verifier thread failed.', { details: [answer.error] }));
    });
    worker.on('error', (error) => {
      preparedJob?.reject(error);
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
  }
  try {
    await Promise.all(prepared);
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  const run = async (items: readonly BatchItem[], method: VerifyRequest['method']): Promise<boolean[]> => {
    if (items.length === 0) return [];
    const size = Math.ceil(items.length / threads);
    const slices = workers.map((worker, index) => {
      const slice = items.slice(index * size, (index + 1) * size);
      if (slice.length === 0) return Promise.resolve([]);
      const id = nextId++;
      return new Promise<boolean[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, items: slice, method } satisfies VerifyRequest);
      });
    });
    return (await Promise.all(slices)).flat();
  };
  return {
    threads,
    verifyBatch: (items) => run(items, 'batch'),
    verifyEach: (items) => run(items, 'single'),
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
