// The messages between the wallet page and its prover worker. Plain JSON-shaped values only:
// class instances (DecdpError, bigint-holding objects) do not survive postMessage as themselves.
import type { SignedDeletionConfirmation } from '@decdp/sdk/merchant';
import type { AttributeCredential, ConsentReceipt, ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import type { CampaignClaim, IssuancePossession } from '@decdp/sdk/wallet';
import type { ErrorInWords } from '../shared/errors.ts';
import type { ArtifactReport } from './loadBrowserArtifacts.ts';

export type ProveMessage = {
  type: 'prove';
  jobId: number;
  signedRequest: SignedRequest;
  credentials: AttributeCredential[];
  /** Decimal string: the holder secret stays in this browser, worker included. */
  holderSecret: string;
  recipient: string;
};

/** Withdraw one consent: prove the pseudonym, send it to the merchant, check its confirmation (revokeConsent). */
export type RevokeMessage = {
  type: 'revoke';
  jobId: number;
  receipt: ConsentReceipt;
  signedRequest: SignedRequest;
  credentials: AttributeCredential[];
  holderSecret: string;
};

/**
 * A fresh claim proof for the campaign the request's `reward` names (proveCampaignClaim): the worker
 * asks the pool which predicate is the campaign's (campaignStatements over `rpcUrl`), then proves it.
 */
export type ClaimMessage = {
  type: 'claim';
  jobId: number;
  signedRequest: SignedRequest;
  credentials: AttributeCredential[];
  holderSecret: string;
  recipient: string;
  rpcUrl: string;
  chainId: number;
};

/**
 * Prove to an issuer that this wallet holds the secret behind its commitment (provePossession over
 * the issuer's challenge), and send the proof to the issuer from the worker.
 */
export type PossessionMessage = {
  type: 'possession';
  jobId: number;
  possession: Omit<IssuancePossession, 'holderCommitment'> & { holderCommitment: string };
  holderSecret: string;
};

export type PossessionProvedMessage = { type: 'possession-proved'; jobId: number; provingMs: number };

export type ClaimProvedMessage = { type: 'claim-proved'; jobId: number; claim: CampaignClaim };

export type RevokedMessage = { type: 'revoked'; jobId: number; confirmation: SignedDeletionConfirmation };

/**
 * Get ready without downloading anything: take the keys from Cache Storage if they are there
 * (checked), and build snarkjs' curve (its worker threads), so the first Approve does not wait
 * for them. Sent when the wallet shows an answerable request.
 */
export type WarmMessage = { type: 'warm'; jobId: number };

export type WarmedMessage = { type: 'warmed'; jobId: number; keysFromCache: boolean };

export type ProverRequest = ProveMessage | RevokeMessage | WarmMessage | ClaimMessage | PossessionMessage;

export type ProverStage = 'artifacts' | 'proving';

export type ProgressMessage = {
  type: 'progress';
  jobId: number;
  stage: ProverStage;
  /** artifacts: bytes loaded of all artifacts; proving: proofs done. */
  done: number;
  total: number;
  /**
   * proving only: how long the current proof is expected to take (the last proof in this worker,
   * or a first guess), so the page can move the bar while snarkjs, which reports no steps, works.
   */
  estimateMs?: number;
};

export type ProverTimings = {
  artifactsMs: number;
  provingMs: number;
  proofs: number;
  /** Where the proving key and circuit came from this time (memory, cache, network, refetched). */
  artifacts: ArtifactReport;
};

export type DoneMessage = {
  type: 'done';
  jobId: number;
  bundle: ProofBundle;
  timings: ProverTimings;
};

export type FailedMessage = { type: 'error'; jobId: number; error: ErrorInWords };

export type WorkerMessage =
  | ProgressMessage
  | DoneMessage
  | RevokedMessage
  | WarmedMessage
  | ClaimProvedMessage
  | PossessionProvedMessage
  | FailedMessage;
