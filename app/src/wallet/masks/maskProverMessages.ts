// The messages between the Masks screen and its prover worker (maskProver.worker.ts). Plain JSON
// values only; the holder secret travels as a decimal string and stays in this browser.
import type { SignedMaskRequest } from '@decdp/sdk/masks';
import type { AttributeCredential } from '@decdp/sdk/protocol';
import type { ErrorInWords } from '../../shared/errors.ts';

/** Where the worker reads the chain and sends through the relayer. */
export type MaskChain = { rpcUrl: string; chainId: number; registry: string; service: string };

/** Join a mask through the relayer; with `credentials`, prove the mask's admission predicates first. */
export type MaskJoinJob = {
  type: 'join';
  jobId: number;
  chain: MaskChain;
  maskId: string;
  holderSecret: string;
  credentials?: AttributeCredential[];
};

/** Prove this epoch's contribution and send it through the relayer (`send: false`: prove only, for the bench). */
export type MaskContributeJob = {
  type: 'contribute';
  jobId: number;
  chain: MaskChain;
  maskId: string;
  holderSecret: string;
  signal: { interests: string[]; actions: string[] };
  send: boolean;
};

/** Answer a mask-targeted request with a membership proof bound to it and the recipient. */
export type MaskAnswerJob = {
  type: 'answer';
  jobId: number;
  chain: MaskChain;
  holderSecret: string;
  signedRequest: SignedMaskRequest;
  recipient: string | null;
};

export type MaskJob = MaskJoinJob | MaskContributeJob | MaskAnswerJob;

export type MaskJobDone = {
  type: 'done';
  jobId: number;
  /** The transaction the relayer sent, if any. */
  txHash?: string;
  /** The epoch a contribution counts in. */
  epoch?: number;
  /** Time spent in Semaphore's prover (0 when the job proved nothing with it). */
  provingMs: number;
};

export type MaskJobFailed = { type: 'error'; jobId: number; error: ErrorInWords };

export type MaskWorkerMessage = MaskJobDone | MaskJobFailed;
