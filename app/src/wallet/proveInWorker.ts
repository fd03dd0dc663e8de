// The page's side of the prover worker: one worker kept alive between proofs (it keeps the
// artifacts in memory), one promise per proof. Aborting a proof terminates the worker — the only
// way to stop snarkjs mid-proof — and rejects with PROOF_CANCELLED; the next proof starts a new
// worker, which reads the artifacts from Cache Storage.

import type { SignedDeletionConfirmation } from '@decdp/sdk/merchant';
import type { AttributeCredential, ConsentReceipt, ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import type { CampaignClaim, IssuancePossession } from '@decdp/sdk/wallet';
import { RemoteError } from '../shared/errors.ts';
import type {
  ClaimProvedMessage,
  DoneMessage,
  PossessionProvedMessage,
  ProgressMessage,
  ProverRequest,
  RevokedMessage,
  WarmedMessage,
  WorkerMessage,
} from './proverMessages.ts';

export type ProofProgress = Omit<ProgressMessage, 'type' | 'jobId'>;

export const PROOF_CANCELLED = 'PROOF_CANCELLED';

type Finished = DoneMessage | RevokedMessage | WarmedMessage | ClaimProvedMessage | PossessionProvedMessage;

type Job = {
  resolve: (done: Finished) => void;
  reject: (error: unknown) => void;
  onProgress?: (p: ProofProgress) => void;
};

let worker: Worker | undefined;
let nextJobId = 1;
const jobs = new Map<number, Job>();

function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module', name: 'decdp-prover' });
  created.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    const job = jobs.get(message.jobId);
    if (!job) return;
    if (message.type === 'progress') {
      const { type: _type, jobId: _jobId, ...progress } = message;
      job.onProgress?.(progress);
    } else {
      jobs.delete(message.jobId);
      if (message.type === 'error') job.reject(new RemoteError(message.error));
      else job.resolve(message);
    }
  });
  created.addEventListener('error', (event) => {
    stopWorker(
      new RemoteError({
        code: 'PROVER_CRASHED',
        message: `The prover stopped: ${event.message || 'unknown error'}.`,
        hint: 'Try again; if it happens again, reload the page.',
      }),
    );
  });
  worker = created;
  return created;
}

/** Terminates the worker and rejects every proof it was making. */
function stopWorker(reason: unknown): void {
  worker?.terminate();
  worker = undefined;
  for (const job of jobs.values()) job.reject(reason);
  jobs.clear();
}

/** Stops whatever the prover is doing (Cancel while a prepared proof is still being made). */
export function stopProver(): void {
  if (worker)
    stopWorker(new RemoteError({ code: PROOF_CANCELLED, message: 'You cancelled the proof. Nothing was sent.' }));
}

export function isCancelled(error: unknown): boolean {
  return error instanceof RemoteError && error.code === PROOF_CANCELLED;
}

/** Posts one job to the worker; abort terminates the worker. */
function runInWorker<T extends Finished>(params: {
  message: ProverRequest;
  onProgress?: ((progress: ProofProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}): Promise<T> {
  const cancelled = () =>
    new RemoteError({ code: PROOF_CANCELLED, message: 'You cancelled the proof. Nothing was sent.' });
  if (params.signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => stopWorker(cancelled());
    params.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => params.signal?.removeEventListener('abort', onAbort);
    jobs.set(params.message.jobId, {
      resolve: (done) => {
        settle();
        resolve(done as T);
      },
      reject: (error) => {
        settle();
        reject(error);
      },
      ...(params.onProgress ? { onProgress: params.onProgress } : {}),
    });
    getWorker().postMessage(params.message);
  });
}

/** What every proof of the holder takes: the credentials, the secret, and the job's progress and stop. */
export type HolderProof = {
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  onProgress?: (progress: ProofProgress) => void;
  /** Abort = stop the proof now (the worker is terminated). */
  signal?: AbortSignal;
};

/** Posts one holder proof: the message gets a job id and the credentials and secret as the worker reads them. */
function runHolderJob<T extends Finished>(
  params: HolderProof,
  message: (job: { jobId: number; credentials: AttributeCredential[]; holderSecret: string }) => ProverRequest,
): Promise<T> {
  return runInWorker<T>({
    message: message({
      jobId: nextJobId++,
      credentials: [...params.credentials],
      holderSecret: params.holderSecret.toString(),
    }),
    onProgress: params.onProgress,
    signal: params.signal,
  });
}

export async function proveInWorker(
  params: HolderProof & { signedRequest: SignedRequest; recipient: string },
): Promise<{ bundle: ProofBundle; timings: DoneMessage['timings'] }> {
  const done = await runHolderJob<DoneMessage>(params, (job) => ({
    type: 'prove',
    ...job,
    signedRequest: params.signedRequest,
    recipient: params.recipient,
  }));
  return { bundle: done.bundle, timings: done.timings };
}

let warming: Promise<unknown> | undefined;

/**
 * Starts the prover ahead of the first Approve: keys from Cache Storage (never a download) and
 * the curve. Once per worker; failures are ignored (the real proof reports them).
 */
export function warmProver(): void {
  if (warming && worker) return;
  warming = runInWorker<WarmedMessage>({ message: { type: 'warm', jobId: nextJobId++ } }).catch(() => undefined);
}

/** Withdraws one consent (revokeConsent in the worker: one proof, then the merchant's signed confirmation). */
export async function revokeInWorker(
  params: HolderProof & { receipt: ConsentReceipt; signedRequest: SignedRequest },
): Promise<SignedDeletionConfirmation> {
  const done = await runHolderJob<RevokedMessage>(params, (job) => ({
    type: 'revoke',
    ...job,
    receipt: params.receipt,
    signedRequest: params.signedRequest,
  }));
  return done.confirmation;
}

/** A fresh claim proof for the campaign the request's `reward` names (one proof; the pool says which predicate). */
export async function proveClaimInWorker(
  params: HolderProof & { signedRequest: SignedRequest; recipient: string; rpcUrl: string; chainId: number },
): Promise<CampaignClaim> {
  const done = await runHolderJob<ClaimProvedMessage>(params, (job) => ({
    type: 'claim',
    ...job,
    signedRequest: params.signedRequest,
    recipient: params.recipient,
    rpcUrl: params.rpcUrl,
    chainId: params.chainId,
  }));
  return done.claim;
}

/** Proves possession of the holder secret over an issuer's challenge and sends it to the issuer, in the worker. */
export async function provePossessionInWorker(params: {
  possession: IssuancePossession;
  holderSecret: bigint;
  signal?: AbortSignal;
}): Promise<{ provingMs: number }> {
  const done = await runInWorker<PossessionProvedMessage>({
    message: {
      type: 'possession',
      jobId: nextJobId++,
      possession: { ...params.possession, holderCommitment: params.possession.holderCommitment.toString() },
      holderSecret: params.holderSecret.toString(),
    },
    signal: params.signal,
  });
  return { provingMs: done.provingMs };
}
