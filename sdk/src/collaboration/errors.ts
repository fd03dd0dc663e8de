// The collaboration's own failure kinds. Codes are stable API, like those in ../errors/errors.ts
// (bad shapes reuse INVALID_INPUT, bad proofs PROOF_INVALID / PROOF_MISMATCH from there).
import { DecdpError, type DecdpErrorOptions } from '../errors/index.ts';

/** An identifier kind the collaboration does not know (or has not enabled). */
export class UnknownIdentifierKindError extends DecdpError {
  override name = 'UnknownIdentifierKindError';
  readonly kind: string;
  constructor(kind: string, options: DecdpErrorOptions = {}) {
    super('UNKNOWN_IDENTIFIER_KIND', `Identifier kind "${kind}" is not one this collaboration uses.`, {
      hint: 'Use a kind from IDENTIFIER_KINDS that the collaboration enables (email, phone, namePostcode, …).',
      ...options,
    });
    this.kind = kind;
  }
}

/** Why a blinded value's key epoch is refused. */
export type EpochRefusal = 'retired' | 'not-yet-active' | 'mixed-epochs' | 'backwards';

/**
 * A blinded value (or a key) is for an epoch the schedule does not accept now: retired after
 * rotation + grace, not started yet, two lists blinded under different epochs, or a ratchet asked
 * to go back to an epoch whose key was erased.
 */
export class KeyEpochRefusedError extends DecdpError {
  override name = 'KeyEpochRefusedError';
  readonly epoch: number;
  readonly reason: EpochRefusal;
  constructor(message: string, options: DecdpErrorOptions & { epoch: number; reason: EpochRefusal }) {
    super('KEY_EPOCH_REFUSED', message, {
      hint: 'Blind again with the current epoch key (currentCollaborationKey).',
      ...options,
    });
    this.epoch = options.epoch;
    this.reason = options.reason;
  }
}

/** A blinded value made under another collaboration key id: its tags are not comparable. */
export class KeyIdMismatchError extends DecdpError {
  override name = 'KeyIdMismatchError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('KEY_ID_MISMATCH', message, options);
  }
}

/** A match or link for a person who revoked consent after (or when) it was given. */
export class ConsentRevokedError extends DecdpError {
  override name = 'ConsentRevokedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('CONSENT_REVOKED', message, options);
  }
}
