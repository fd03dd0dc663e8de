// What one credential proof is bound to, checked from its public signals before any pairing:
// the statement (predicate, issuer, scopes), the context (pseudonym + request), the holder's
// nullifier shared by the other proofs of the bundle, the recipient and the proof time.
// checkProofBundle runs it for every verifier of proofs (answers, links, revocations, mask admissions).
import { getAddress } from 'ethers';
import { ProofMismatchError } from '../errors/index.ts';
import {
  type PublicSignalName,
  type PublicSignals,
  publicSignalsFromArray,
  unpackRecipientAndTime,
} from '../protocol/publicSignals.ts';

export type ExpectedBinding = {
  statementHash: bigint;
  contextHash: bigint;
  /** The nullifier of the bundle's earlier proofs; undefined for the first one. */
  nullifier: bigint | undefined;
  recipient: bigint;
  /** Our time and the accepted window around it (unix seconds). */
  now: number;
  maxAgeSeconds: number;
  maxDriftSeconds: number;
  /** The request's expiry: a proof made at or after it is refused; undefined: none (a revocation). */
  expiresAt: number | undefined;
};

/**
 * The recipient and time every proof of an answer-like bundle is bound to: made at most
 * `maxProofAgeSeconds` (default 10 minutes) before `now`, at most `maxClockDriftSeconds` (default
 * 2 minutes) after it, and before the request's expiry.
 */
export function proofWindow(params: {
  recipient: string;
  now: number;
  expiresAt: number;
  maxProofAgeSeconds?: number | undefined;
  maxClockDriftSeconds?: number | undefined;
}): Omit<ExpectedBinding, 'statementHash' | 'contextHash' | 'nullifier'> {
  return {
    recipient: BigInt(getAddress(params.recipient)),
    now: params.now,
    maxAgeSeconds: params.maxProofAgeSeconds ?? 600,
    maxDriftSeconds: params.maxClockDriftSeconds ?? 120,
    expiresAt: params.expiresAt,
  };
}

/** The caller's words for a mismatch (fields and codes are fixed unless the caller's `refuse` maps them). */
export type BindingMessages = {
  statementHash: string;
  contextHash: string;
  nullifier: string;
  expired: string;
};

/**
 * Which binding failed: one of the signals, or the packed recipient and time (unreadable,
 * recipient, time, expired); checkProofBundle adds the key's circuit version and the Groth16 proof.
 */
export type BindingCheck =
  | 'verificationKey'
  | 'proof'
  | 'statementHash'
  | 'contextHash'
  | 'nullifier'
  | 'unreadable'
  | 'recipient'
  | 'time'
  | 'expired';

/** What `refuse` gets for the first binding that does not hold; by default a ProofMismatchError of it. */
export type BindingFailure = {
  check: BindingCheck;
  message: string;
  /** `<field>.publicSignals.<signal>`. */
  field: string;
  details?: readonly string[];
  hint?: string;
  cause?: unknown;
};

const proofMismatch = ({ message, ...options }: BindingFailure): Error => new ProofMismatchError(message, options);

/**
 * Throws ProofMismatchError (field `<field>.publicSignals.<name>`) at the first binding that does
 * not hold, or what `refuse` makes of it (a revocation answers REVOCATION_INVALID); returns the
 * parsed signals. Does not verify the Groth16 proof itself.
 */
export function checkProofBinding(params: {
  publicSignals: readonly string[];
  field: string;
  expected: ExpectedBinding;
  messages: BindingMessages;
  refuse?: (failure: BindingFailure) => Error;
}): PublicSignals {
  const { field, expected, messages } = params;
  const refuse = (failure: BindingFailure): never => {
    throw (params.refuse ?? proofMismatch)(failure);
  };
  const signals = publicSignalsFromArray(params.publicSignals);
  const expect = (name: PublicSignalName & BindingCheck, value: bigint) => {
    if (signals[name] !== value) {
      refuse({
        check: name,
        message: messages[name],
        field: `${field}.publicSignals.${name}`,
        details: [`Expected ${value}`, `Got ${signals[name]}`],
      });
    }
  };
  expect('statementHash', expected.statementHash);
  expect('contextHash', expected.contextHash);
  if (expected.nullifier !== undefined) expect('nullifier', expected.nullifier);

  const timeField = `${field}.publicSignals.recipientAndTime`;
  let bound: { recipient: bigint; now: bigint };
  try {
    bound = unpackRecipientAndTime(signals.recipientAndTime);
  } catch (cause) {
    return refuse({
      check: 'unreadable',
      message: 'The proof carries no valid recipient and time.',
      field: timeField,
      cause,
    });
  }
  if (bound.recipient !== expected.recipient) {
    refuse({
      check: 'recipient',
      message: 'The proof pays another recipient than the bundle names.',
      field: timeField,
    });
  }
  const provedAt = Number(bound.now);
  if (provedAt < expected.now - expected.maxAgeSeconds || provedAt > expected.now + expected.maxDriftSeconds) {
    refuse({
      check: 'time',
      message: 'The proof is not recent.',
      field: timeField,
      details: [`Proof time ${provedAt}`, `Our time ${expected.now}`],
      hint: 'Prove again; proofs older than the merchant allows are refused to stop replays.',
    });
  }
  if (expected.expiresAt !== undefined && provedAt >= expected.expiresAt) {
    refuse({ check: 'expired', message: messages.expired, field: timeField });
  }
  return signals;
}
