// The one table from error code to HTTP status. Business code throws; the HTTP layer maps
// (errorResponse.ts).
/**
 * Every error code of the SDK and the HTTP status a service answers it with: the one table. A code
 * exists only as a key here (DecdpErrorCode is derived from it), so a code without a status does
 * not compile; docs/merchant.md prints this table and a test keeps the two equal.
 */
export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNKNOWN_ATTRIBUTE: 400,
  UNKNOWN_OPERATOR: 400,
  VALUE_OUT_OF_RANGE: 400,
  SIGNATURE_INVALID: 400,
  PROOF_INVALID: 422,
  PROOF_MISMATCH: 422,
  PREDICATE_NOT_SATISFIED: 422,
  ISSUER_NOT_TRUSTED: 422,
  CREDENTIAL_EXPIRED: 422,
  REQUEST_EXPIRED: 410,
  NULLIFIER_REUSED: 409,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CHAIN_ERROR: 502,
  POD_ERROR: 502,
  STORE_ERROR: 503,
  RATE_LIMITED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  REVOCATION_INVALID: 422,
  FORBIDDEN: 403,
  REVOCATION_FAILED: 502,
  ARTIFACT_CHECKSUM_MISMATCH: 500,
  INTERNAL: 500,
  USAGE: 400,
  WRONG_PASSPHRASE: 401,
  AGENT_LOGIN_REFUSED: 401,
  SERVICE_UNREACHABLE: 502,
  INBOX_NOT_CONNECTED: 404,
  // Chain refusals (CHAIN_ERROR_CODES) that are not about the proof.
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_NOT_ACTIVE: 409,
  CAMPAIGN_PAUSED: 409,
  CAMPAIGN_NOT_PAUSED: 409,
  CAMPAIGN_NOT_ENDED: 409,
  BUDGET_EXHAUSTED: 409,
  NOT_AUTHORIZED: 403,
  INSUFFICIENT_FUNDS: 402,
  // The issuer service (docs/issuer.md).
  SOURCE_AUTH_FAILED: 401,
  NONCE_REUSED: 409,
  CONSENT_INVALID: 403,
  POSSESSION_NOT_PROVEN: 403,
  SESSION_EXPIRED: 410,
  UNAUTHORIZED: 401,
  SOURCE_UNAVAILABLE: 502,
  ISSUER_UNAVAILABLE: 502,
  // Offers (docs/offers.md).
  OFFERS_INFEASIBLE: 409,
  OFFER_CONTEXT_NOT_ALLOWED: 400,
  UNKNOWN_CONTEXT: 404,
  UNKNOWN_OFFER: 404,
  OFFER_NOT_SHOWN: 422,
  OFFER_SOLVER_FAILED: 503,
  // Masks (docs/masks.md).
  MASK_NOT_MEMBER: 403,
  MASK_ADMISSION_REQUIRED: 403,
  MASK_ALREADY_ADMITTED: 409,
  MASK_ALREADY_MEMBER: 409,
  MASK_ALREADY_CONTRIBUTED: 409,
  MASK_ROOT_STALE: 409,
  MASK_EPOCH_OPEN: 409,
  MASK_GROUP_TOO_SMALL: 422,
  MASK_PROFILE_BELOW_K: 422,
  // Collaboration (docs/collaboration.md).
  UNKNOWN_IDENTIFIER_KIND: 400,
  KEY_EPOCH_REFUSED: 409,
  KEY_ID_MISMATCH: 422,
  CONSENT_REVOKED: 410,
  // The pages (app/): a service could not be reached; the person cancelled a proof; the prover
  // worker died; a service answered an error status without an error body.
  NETWORK: 502,
  PROOF_CANCELLED: 499,
  PROVER_CRASHED: 500,
  HTTP: 502,
} as const satisfies Record<string, number>;

/** Every stable error code (switch on it, never on a message). */
export type DecdpErrorCode = keyof typeof ERROR_STATUS;

/**
 * True for a code this SDK defines: a code read from another service's JSON is checked with it.
 * @since 0.2.0
 */
export function isDecdpErrorCode(code: unknown): code is DecdpErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}
