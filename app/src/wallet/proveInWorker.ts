// The page's side of the prover worker: one worker for the page's life (it keeps the artifacts
// in memory), one promise per proof.
import type { AttributeCredential, ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { RemoteError } from '../shared/errors.ts';
import type { DoneMessage, ProgressMessage, ProveMessage, WorkerMessage } from './proverMessages.ts';

export type ProofProgress = Omit<ProgressMessage, 'type' | 'jobId'>;

let worker: Worker | undefined;
let nextJobId = 1;
const jobs = new Map<
  number,
  { resolve: (done: DoneMessage) => void; reject: (error: unknown) => void; onProgress?: (p: ProofProgress) => void }
>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./prover.worker.ts', import.meta.url), { type: 'module', name: 'decdp-prover' });
  worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    const job = jobs.get(message.jobId);
    if (!job) return;
    if (message.type === 'progress') {
      job.onProgress?.({ stage: message.stage, done: message.done, total: message.total });
    } else {
      jobs.delete(message.jobId);
      if (message.type === 'done') job.resolve(message);
      else job.reject(new RemoteError(message.error));
    }
  });
  worker.addEventListener('error', (event) => {
    const error = new RemoteError({
      code: 'PROVER_CRASHED',
      message: `The prover stopped: ${event.message || 'unknown error'}.`,
      hint: 'Reload the page and try again.',
    });
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    worker?.terminate();
    worker = undefined;
  });
  return worker;
}

export function proveInWorker(params: {
  signedRequest: SignedRequest;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  recipient: string;
  onProgress?: (progress: ProofProgress) => void;
}): Promise<{ bundle: ProofBundle; timings: DoneMessage['timings'] }> {
  const jobId = nextJobId++;
  const message: ProveMessage = {
    type: 'prove',
    jobId,
    signedRequest: params.signedRequest,
    credentials: [...params.credentials],
    holderSecret: params.holderSecret.toString(),
    recipient: params.recipient,
  };
  return new Promise((resolve, reject) => {
    jobs.set(jobId, {
      resolve: (done) => resolve({ bundle: done.bundle, timings: done.timings }),
      reject,
      ...(params.onProgress ? { onProgress: params.onProgress } : {}),
    });
    getWorker().postMessage(message);
  });
}
