// Proofs made while the person reads the request, so Approve only has to send one. Nothing
// leaves the device before Approve: a prepared proof is a value in this page's memory (never
// written to storage, never sent), made in the prover worker, and dropped when the request is
// denied, the page closes, or it is older than PREPARED_MAX_AGE_MS (the proof carries the time it
// was made, and the merchant and the pool refuse old ones). One preparation runs at a time, once
// per request and page load, for the first PREPARED_LIMIT open requests, so the wallet stays
// responsive on a small machine. A request whose proof the person cancelled is not prepared again.
import type { AttributeCredential, ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { RemoteError } from '../shared/errors.ts';
import { PROOF_CANCELLED, type ProofProgress, proveInWorker, stopProver } from './proveInWorker.ts';
import type { ProverTimings } from './proverMessages.ts';

/** A prepared proof older than this is made again at Approve (the pool takes proofs up to 10 minutes old). */
export const PREPARED_MAX_AGE_MS = 120_000;
/** Open requests prepared ahead (the first ones shown). */
export const PREPARED_LIMIT = 3;

export type ProofInputs = {
  signedRequest: SignedRequest;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  recipient: string;
};

type Proved = { bundle: ProofBundle; timings: ProverTimings };

type Preparation = {
  key: string;
  /** When proving began: the time written inside the proof. */
  madeAt?: number;
  ready: boolean;
  result: Promise<Proved>;
  listeners: Set<(progress: ProofProgress) => void>;
};

const preparations = new Map<string, Preparation>();
/** Prepared once per page load: a proof that failed, went stale or was used is not made again unasked. */
const attempted = new Set<string>();
let queue: Promise<unknown> = Promise.resolve();

/** Same request, same credentials, same recipient, same holder: the same proof would come out. */
export function proofKey(inputs: ProofInputs): string {
  const credentials = inputs.credentials.map((credential) => credential.id).join(',');
  return [inputs.signedRequest.request.id, inputs.signedRequest.signature, inputs.recipient, credentials].join('|');
}

/** Starts proving `inputs` in the background (queued behind other preparations); once per key and page load. */
export function prepareProof(inputs: ProofInputs): void {
  const key = proofKey(inputs);
  if (attempted.has(key)) return;
  attempted.add(key);
  const preparation: Preparation = {
    key,
    ready: false,
    listeners: new Set(),
    result: Promise.resolve() as unknown as Promise<Proved>,
  };
  preparation.result = queue.then(() => {
    preparation.madeAt = Date.now();
    return proveInWorker({
      ...inputs,
      onProgress: (progress) => {
        for (const listener of preparation.listeners) listener(progress);
      },
    }).then((proved) => {
      preparation.ready = true;
      changed();
      return proved;
    });
  });
  // A failed preparation is forgotten; Approve proves again and reports the error then.
  preparation.result.catch(() => {
    if (preparations.get(key) === preparation) preparations.delete(key);
    changed();
  });
  queue = preparation.result.catch(() => undefined);
  preparations.set(key, preparation);
}

function isStale(preparation: Preparation): boolean {
  return preparation.madeAt !== undefined && Date.now() - preparation.madeAt > PREPARED_MAX_AGE_MS;
}

const listeners = new Set<() => void>();
let readyIds: ReadonlySet<string> = new Set();

function changed() {
  readyIds = new Set(
    [...preparations.values()]
      .filter((preparation) => preparation.ready && !isStale(preparation))
      .map((preparation) => preparation.key.slice(0, preparation.key.indexOf('|'))),
  );
  for (const listener of listeners) listener();
}

/** The ids of the requests whose proof is ready on this device (for the page to say so). */
export function preparedRequestIds(): ReadonlySet<string> {
  return readyIds;
}

/** Called when a prepared proof becomes ready, or is used or dropped. */
export function onPreparedChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The proof for `inputs`: the prepared one when there is one (finished or still running, and not
 * too old), else a new one. A prepared proof is used once. `signal` (Cancel) stops a preparation
 * still running the way it stops a proof: the worker is terminated.
 */
export async function takeProof(
  inputs: ProofInputs & { onProgress?: (progress: ProofProgress) => void; signal?: AbortSignal },
): Promise<Proved & { prepared: boolean }> {
  const key = proofKey(inputs);
  const preparation = preparations.get(key);
  if (preparations.delete(key)) changed();
  if (preparation && !isStale(preparation)) {
    if (inputs.onProgress) preparation.listeners.add(inputs.onProgress);
    try {
      const proved = await abandonable(preparation.result, inputs.signal);
      if (!isStale(preparation)) return { ...proved, prepared: true };
    } catch (error) {
      if (inputs.signal?.aborted) throw error;
      // The preparation failed: prove again below, which reports what is wrong.
    } finally {
      if (inputs.onProgress) preparation.listeners.delete(inputs.onProgress);
    }
  }
  const { onProgress, signal, ...proofInputs } = inputs;
  const proved = await proveInWorker({
    ...proofInputs,
    ...(onProgress ? { onProgress } : {}),
    ...(signal ? { signal } : {}),
  });
  return { ...proved, prepared: false };
}

/** Forgets the prepared proof of a request (denied, or answered some other way). */
export function dropPreparedProof(requestId: string): void {
  for (const key of preparations.keys()) if (key.startsWith(`${requestId}|`)) preparations.delete(key);
  changed();
}

function abandonable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      stopProver();
      reject(cancelledError());
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelledError(): RemoteError {
  return new RemoteError({ code: PROOF_CANCELLED, message: 'You cancelled the proof. Nothing was sent.' });
}
