// Verifies answers. With verifier threads, the Groth16 checks of answers that arrive together are
// grouped into batches (random linear combination, verifyBatch) on worker threads, one batch per
// thread at a time: while every thread is busy, arriving proofs wait and form the next batch, so
// batches grow with the load (cheaper per proof) and stay small when it is quiet (low latency).
import { availableParallelism } from 'node:os';
import { type VerifiedBundle, verifyProofBundle } from '../../proof/verifyProofBundle.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import { type BatchVerifierPool, createBatchVerifierPool } from '../../zk/createBatchVerifierPool.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import type { BatchItem } from '../../zk/verifyBatch.ts';

export type ProofVerifier = {
  /** Per-proof answers, equal to single verification (unreadable input is false). */
  verify(items: readonly BatchItem[]): Promise<boolean[]>;
  /** Batches sent to threads and proofs in them (for /metrics). */
  stats(): { batches: number; proofs: number };
  close(): Promise<void>;
};

/**
 * Batches proofs over single-thread workers. `pools` is for tests; by default one
 * createBatchVerifierPool({ threads: 1 }) per core.
 * @example const verifier = await createVerifierThreads({ verificationKey }); ... await verifier.close();
 * @since 0.2.0
 */
export async function createVerifierThreads(params: {
  verificationKey: VerificationKey;
  threads?: number;
  /** Most proofs in one batch; default 128. */
  maxBatch?: number;
  pools?: BatchVerifierPool[];
}): Promise<ProofVerifier> {
  const threads = Math.max(1, params.threads ?? availableParallelism());
  const pools =
    params.pools ??
    (await Promise.all(
      Array.from({ length: threads }, () =>
        createBatchVerifierPool({ verificationKey: params.verificationKey, threads: 1 }),
      ),
    ));
  const maxBatch = params.maxBatch ?? 128;
  const idle = [...pools];
  let queue: { items: readonly BatchItem[]; resolve(results: boolean[]): void; reject(error: unknown): void }[] = [];
  let scheduled = false;
  const stats = { batches: 0, proofs: 0 };

  const pump = () => {
    scheduled = false;
    while (idle.length > 0 && queue.length > 0) {
      const pool = idle.pop() as BatchVerifierPool;
      const group: typeof queue = [];
      let size = 0;
      while (queue.length > 0 && (group.length === 0 || size + (queue[0]?.items.length ?? 0) <= maxBatch)) {
        const job = queue.shift() as (typeof queue)[number];
        group.push(job);
        size += job.items.length;
      }
      stats.batches += 1;
      stats.proofs += size;
      pool
        .verifyBatch(group.flatMap((job) => job.items))
        .then(
          (results) => {
            let offset = 0;
            for (const job of group) {
              job.resolve(results.slice(offset, offset + job.items.length));
              offset += job.items.length;
            }
          },
          (error) => {
            for (const job of group) job.reject(error);
          },
        )
        .finally(() => {
          idle.push(pool);
          pump();
        });
    }
  };
  return {
    stats: () => ({ ...stats }),
    verify(items) {
      return new Promise((resolve, reject) => {
        queue.push({ items, resolve, reject });
        // Answers parsed in the same turn of the event loop join one batch.
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    async close() {
      const pending = queue;
      queue = [];
      for (const job of pending) job.reject(new Error('The verifier threads are closed.'));
      await Promise.all(pools.map((pool) => pool.close()));
    },
  };
}

export type AnswerVerifier = {
  verify(params: { signedRequest: SignedRequest; bundle: ProofBundle; now: number }): Promise<VerifiedBundle>;
  stats(): { batches: number; proofs: number };
};

/** Trusted issuer key hashes: a fixed list, or one read at each answer (followIssuerRegistry's trustedKeys). */
export type TrustedIssuers = readonly bigint[] | (() => readonly bigint[]);

/** @since 0.2.0 */
export function createAnswerVerifier(params: {
  verificationKey: VerificationKey;
  trustedIssuers: TrustedIssuers;
  /** Batched Groth16 checks (createVerifierThreads); without it each proof is checked alone. */
  proofVerifier?: ProofVerifier;
}): AnswerVerifier {
  const threads = params.proofVerifier;
  return {
    stats: () => threads?.stats() ?? { batches: 0, proofs: 0 },
    verify: ({ signedRequest, bundle, now }) =>
      verifyProofBundle({
        signedRequest,
        bundle,
        verificationKey: params.verificationKey,
        trustedIssuers: typeof params.trustedIssuers === 'function' ? params.trustedIssuers() : params.trustedIssuers,
        now,
        ...(threads ? { verifyProofs: threads.verify } : {}),
      }),
  };
}
