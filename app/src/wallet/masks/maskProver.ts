// The page's side of the mask prover worker: one worker kept alive between jobs (it keeps the
// Semaphore artifacts in memory), one promise per job.
import { RemoteError } from '../../shared/errors.ts';
import type { MaskJob, MaskJobDone, MaskWorkerMessage } from './maskProverMessages.ts';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

let worker: Worker | undefined;
let nextJobId = 1;
const jobs = new Map<number, { resolve: (done: MaskJobDone) => void; reject: (error: unknown) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./maskProver.worker.ts', import.meta.url), {
    type: 'module',
    name: 'decdp-mask-prover',
  });
  created.addEventListener('message', (event: MessageEvent<MaskWorkerMessage>) => {
    const message = event.data;
    const job = jobs.get(message.jobId);
    if (!job) return;
    jobs.delete(message.jobId);
    if (message.type === 'error') job.reject(new RemoteError(message.error));
    else job.resolve(message);
  });
  created.addEventListener('error', (event) => {
    const error = new RemoteError({
      code: 'PROVER_CRASHED',
      message: `The mask prover stopped: ${event.message || 'unknown error'}.`,
      hint: 'Try again; if it happens again, reload the page.',
    });
    created.terminate();
    worker = undefined;
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
  });
  worker = created;
  return created;
}

/** Runs one job (join, contribute, answer) in the mask prover worker. */
export function runMaskJob(job: DistributiveOmit<MaskJob, 'jobId'>): Promise<MaskJobDone> {
  const jobId = nextJobId++;
  return new Promise((resolve, reject) => {
    jobs.set(jobId, { resolve, reject });
    getWorker().postMessage({ ...job, jobId });
  });
}
