// The failures of masks, one class per kind, each with a stable `code` (never rename one). They
// extend the one DecdpError base, so HTTP and CLI layers map them like every other DeCDP error.
import { DecdpError, type DecdpErrorOptions } from '../errors/index.ts';

/** The identity is not in the mask's group, or a proof's root was never this mask's group root. */
export class MaskNotMemberError extends DecdpError {
  override name = 'MaskNotMemberError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_NOT_MEMBER', message, options);
  }
}

/** This member (nullifier) already contributed to the mask in this epoch: it counts once. */
export class MaskAlreadyContributedError extends DecdpError {
  override name = 'MaskAlreadyContributedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_ALREADY_CONTRIBUTED', message, options);
  }
}

/** The proof is for a root of the mask's group that was replaced longer ago than the window. */
export class MaskRootStaleError extends DecdpError {
  override name = 'MaskRootStaleError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_ROOT_STALE', message, options);
  }
}

/** Fewer than k members contributed in the epoch: the profile is withheld as a whole. */
export class MaskProfileBelowKError extends DecdpError {
  override name = 'MaskProfileBelowKError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_PROFILE_BELOW_K', message, options);
  }
}

/** A profile was asked for an epoch that has not ended: counts that still move leak by difference. */
export class MaskEpochOpenError extends DecdpError {
  override name = 'MaskEpochOpenError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_EPOCH_OPEN', message, options);
  }
}

/** The group (at the proof's root) has fewer than k members: a contribution would stand out. */
export class MaskGroupTooSmallError extends DecdpError {
  override name = 'MaskGroupTooSmallError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_GROUP_TOO_SMALL', message, options);
  }
}

/** The mask admits only with credential proofs (`mask.admission`): joinMask is for open masks. */
export class MaskAdmissionRequiredError extends DecdpError {
  override name = 'MaskAdmissionRequiredError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_ADMISSION_REQUIRED', message, options);
  }
}

/** This credential subject (admission nullifier) already admitted an identity to the mask: one seat each. */
export class MaskAlreadyAdmittedError extends DecdpError {
  override name = 'MaskAlreadyAdmittedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_ALREADY_ADMITTED', message, options);
  }
}

/** This identity commitment is already in the mask's group. */
export class MaskAlreadyMemberError extends DecdpError {
  override name = 'MaskAlreadyMemberError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('MASK_ALREADY_MEMBER', message, options);
  }
}
