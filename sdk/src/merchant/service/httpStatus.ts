// The one table from error code to HTTP status. Business code throws; the HTTP layer maps.
import { DecdpError } from '../../errors/index.ts';

const STATUS_BY_CODE: Record<string, number> = {
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
  WRONG_PASSPHRASE: 401,
  AGENT_LOGIN_REFUSED: 401,
  SERVICE_UNREACHABLE: 502,
  // Chain refusals of a relayed claim (CHAIN_ERROR_CODES) that are not about the proof.
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_NOT_ACTIVE: 409,
  CAMPAIGN_PAUSED: 409,
  BUDGET_EXHAUSTED: 409,
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
};

/** Every code the service can answer with and its status (docs/merchant.md prints this table). */
export const ERROR_STATUS: Readonly<Record<string, number>> = STATUS_BY_CODE;

export function httpStatusOf(error: unknown): number {
  return error instanceof DecdpError ? (STATUS_BY_CODE[error.code] ?? 500) : 500;
}

export function errorBody(error: unknown): { error: { code: string; message: string; field?: string; hint?: string } } {
  if (error instanceof DecdpError) return { error: error.toJSON() };
  return { error: { code: 'INTERNAL', message: 'Something went wrong on the merchant side.' } };
}
