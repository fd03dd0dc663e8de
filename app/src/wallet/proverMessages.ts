// The messages between the wallet page and its prover worker. Plain JSON-shaped values only:
// class instances (DecdpError, bigint-holding objects) do not survive postMessage as themselves.
import type { AttributeCredential, ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import type { ErrorInWords } from '../shared/errors.ts';

export type ProveMessage = {
  type: 'prove';
  jobId: number;
  signedRequest: SignedRequest;
  credentials: AttributeCredential[];
  /** Decimal string: the holder secret stays in this browser, worker included. */
  holderSecret: string;
  recipient: string;
};

export type ProverStage = 'artifacts' | 'proving';

export type ProgressMessage = {
  type: 'progress';
  jobId: number;
  stage: ProverStage;
  /** artifacts: bytes loaded of all artifacts; proving: proofs done. */
  done: number;
  total: number;
};

export type DoneMessage = {
  type: 'done';
  jobId: number;
  bundle: ProofBundle;
  timings: { artifactsMs: number; provingMs: number; proofs: number };
};

export type FailedMessage = { type: 'error'; jobId: number; error: ErrorInWords };

export type WorkerMessage = ProgressMessage | DoneMessage | FailedMessage;
