// One class per failure kind. `code` values are stable API: never rename one.
import { DecdpError, type DecdpErrorOptions } from './DecdpError.ts';
import type { DecdpErrorCode } from './httpStatus.ts';

/** Input did not match its schema (request JSON, proof bundle, pod document, HTTP body). */
export class InvalidInputError extends DecdpError {
  override name = 'InvalidInputError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('INVALID_INPUT', message, options);
  }
}

export class UnknownAttributeError extends DecdpError {
  override name = 'UnknownAttributeError';
  constructor(attribute: string, options: DecdpErrorOptions = {}) {
    super('UNKNOWN_ATTRIBUTE', `Attribute "${attribute}" is not in the vocabulary.`, {
      hint: 'Use an attribute id from sdk/src/protocol/vocabulary.json.',
      ...options,
    });
  }
}

export class UnknownOperatorError extends DecdpError {
  override name = 'UnknownOperatorError';
  constructor(operator: string, options: DecdpErrorOptions = {}) {
    super('UNKNOWN_OPERATOR', `Operator "${operator}" is not supported.`, options);
  }
}

export class ValueOutOfRangeError extends DecdpError {
  override name = 'ValueOutOfRangeError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('VALUE_OUT_OF_RANGE', message, options);
  }
}

export class SignatureInvalidError extends DecdpError {
  override name = 'SignatureInvalidError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('SIGNATURE_INVALID', message, options);
  }
}

export class RequestExpiredError extends DecdpError {
  override name = 'RequestExpiredError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('REQUEST_EXPIRED', message, options);
  }
}

export class CredentialExpiredError extends DecdpError {
  override name = 'CredentialExpiredError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('CREDENTIAL_EXPIRED', message, options);
  }
}

/** The credential does not satisfy the predicate: the wallet cannot (and must not) prove it. */
export class PredicateNotSatisfiedError extends DecdpError {
  override name = 'PredicateNotSatisfiedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('PREDICATE_NOT_SATISFIED', message, options);
  }
}

export class ProofInvalidError extends DecdpError {
  override name = 'ProofInvalidError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('PROOF_INVALID', message, options);
  }
}

/** The proof is valid but bound to something else (request, scope, recipient, time). */
export class ProofMismatchError extends DecdpError {
  override name = 'ProofMismatchError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('PROOF_MISMATCH', message, options);
  }
}

export class NullifierReusedError extends DecdpError {
  override name = 'NullifierReusedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('NULLIFIER_REUSED', message, options);
  }
}

export class IssuerNotTrustedError extends DecdpError {
  override name = 'IssuerNotTrustedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('ISSUER_NOT_TRUSTED', message, options);
  }
}

export class ArtifactChecksumError extends DecdpError {
  override name = 'ArtifactChecksumError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('ARTIFACT_CHECKSUM_MISMATCH', message, options);
  }
}

/** The pod answered with an error or could not be reached. */
export class PodError extends DecdpError {
  override name = 'PodError';
  readonly status: number | undefined;
  constructor(message: string, options: DecdpErrorOptions & { status?: number } = {}) {
    super('POD_ERROR', message, options);
    this.status = options.status;
  }
}

/**
 * A contract call reverted or the chain could not be reached. `errorName` is the decoded custom
 * Solidity error when known (e.g. `NullifierUsed`), `args` its arguments, and `code` the DeCDP code
 * it maps to (sdk/src/chain/decodeChainError.ts; CHAIN_ERROR when there is no better one).
 */
export class ChainError extends DecdpError {
  override name = 'ChainError';
  readonly errorName: string | undefined;
  readonly args: readonly unknown[];
  constructor(
    message: string,
    options: DecdpErrorOptions & { errorName?: string; code?: DecdpErrorCode; args?: readonly unknown[] } = {},
  ) {
    super(options.code ?? 'CHAIN_ERROR', message, options);
    this.errorName = options.errorName;
    this.args = options.args ?? [];
  }
}

export class StoreError extends DecdpError {
  override name = 'StoreError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('STORE_ERROR', message, options);
  }
}

export class NotFoundError extends DecdpError {
  override name = 'NotFoundError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

export class PayloadTooLargeError extends DecdpError {
  override name = 'PayloadTooLargeError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('PAYLOAD_TOO_LARGE', message, options);
  }
}

export class UnsupportedMediaTypeError extends DecdpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('UNSUPPORTED_MEDIA_TYPE', message, options);
  }
}

/** Too many requests from one client in the window; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends DecdpError {
  override name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(message: string, options: DecdpErrorOptions & { retryAfterSeconds: number }) {
    super('RATE_LIMITED', message, options);
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** An Idempotency-Key already answered a different request body. */
export class IdempotencyKeyReusedError extends DecdpError {
  override name = 'IdempotencyKeyReusedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('IDEMPOTENCY_KEY_REUSED', message, options);
  }
}

/** A consent revocation whose message, binding or proof of pseudonym does not hold. */
export class RevocationInvalidError extends DecdpError {
  override name = 'RevocationInvalidError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('REVOCATION_INVALID', message, options);
  }
}

// ---- Issuance (docs/issuer.md)

/** Signing in at the source failed: a SIWE message for another domain or chain, a wrong signature, a bad password. */
export class SourceAuthenticationError extends DecdpError {
  override name = 'SourceAuthenticationError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('SOURCE_AUTH_FAILED', message, options);
  }
}

/** A one-time nonce (SIWE, issuance session) came back a second time. */
export class NonceReusedError extends DecdpError {
  override name = 'NonceReusedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('NONCE_REUSED', message, options);
  }
}

/** A PSD2 consent that is expired, revoked, not approved, or for another session or account. */
export class ConsentInvalidError extends DecdpError {
  override name = 'ConsentInvalidError';
  readonly reason: 'expired' | 'revoked' | 'not-approved' | 'other-account' | 'other-session';
  constructor(message: string, options: DecdpErrorOptions & { reason: ConsentInvalidError['reason'] }) {
    super('CONSENT_INVALID', message, options);
    this.reason = options.reason;
  }
}

/** The holder did not prove, in this session, that they hold the secret of the subject commitment. */
export class PossessionNotProvenError extends DecdpError {
  override name = 'PossessionNotProvenError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('POSSESSION_NOT_PROVEN', message, options);
  }
}

/** An issuance session that ran out of time (or was already used). */
export class SessionExpiredError extends DecdpError {
  override name = 'SessionExpiredError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('SESSION_EXPIRED', message, options);
  }
}

/** An operator route without (or with a wrong) operator token. */
export class UnauthorizedError extends DecdpError {
  override name = 'UnauthorizedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('UNAUTHORIZED', message, options);
  }
}

/** The source an issuer reads (a bank, an RPC node, a pod) did not answer or answered garbage. */
export class SourceUnavailableError extends DecdpError {
  override name = 'SourceUnavailableError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('SOURCE_UNAVAILABLE', message, options);
  }
}

/** An issuer URL that answers nothing, or something that is not the issuance protocol. */
export class IssuerUnavailableError extends DecdpError {
  override name = 'IssuerUnavailableError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('ISSUER_UNAVAILABLE', message, options);
  }
}

/** A sealed secret did not open: the passphrase is wrong (or the sealed document was altered). */
export class WrongPassphraseError extends DecdpError {
  override name = 'WrongPassphraseError';
  constructor(message = 'The passphrase is wrong.', options: DecdpErrorOptions = {}) {
    super('WRONG_PASSPHRASE', message, {
      field: 'passphrase',
      hint: 'Type it again, or unlock with your 12-word recovery phrase and choose a new passphrase.',
      ...options,
    });
  }
}

/** The wallet agent's pod credentials were refused (expired, revoked or deleted): it stops. */
export class AgentLoginRefusedError extends DecdpError {
  override name = 'AgentLoginRefusedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('AGENT_LOGIN_REFUSED', message, {
      hint: 'Create new agent credentials in the wallet (Settings → Wallet agent) and run `decdp-wallet-agent setup` again.',
      ...options,
    });
  }
}

/** A service the caller depends on (a merchant, from the wallet agent) could not be reached or failed: retried. */
export class ServiceUnreachableError extends DecdpError {
  override name = 'ServiceUnreachableError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('SERVICE_UNREACHABLE', message, options);
  }
}

/** A valid operator credential without the scope this action needs (HTTP 403). */
export class ForbiddenError extends DecdpError {
  override name = 'ForbiddenError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('FORBIDDEN', message, options);
  }
}

/** The merchant holds no connected inbox under this id: never connected, or forgotten (HTTP 404). */
export class InboxNotConnectedError extends DecdpError {
  override name = 'InboxNotConnectedError';
  constructor(message: string, options: DecdpErrorOptions = {}) {
    super('INBOX_NOT_CONNECTED', message, { field: 'id', ...options });
  }
}
