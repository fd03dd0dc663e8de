import { consentReceiptIdOf } from '../protocol/consentReceipt.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import type { RequestPredicate } from '../protocol/request.ts';
import { keepProofBundle, restoreProofBundle } from './keptProofBundle.ts';
import type {
  IdempotencyEntry,
  KeptCampaign,
  LightRecord,
  NewLightRecord,
  OperatorScope,
  OperatorToken,
} from './merchantStore.ts';
import type { SqlRow } from './sqlDriver.ts';

type Row = SqlRow;

const numberOrNull = (value: Row[string] | undefined) => (value === null || value === undefined ? null : Number(value));
const textOrNull = (value: Row[string] | undefined) => (value === null || value === undefined ? null : String(value));

/** A light_records row as a LightRecord. */
export function rowToRecord(row: Row): LightRecord {
  return {
    id: Number(row.id),
    pseudonym: String(row.pseudonym),
    requestId: String(row.request_id),
    predicates: JSON.parse(String(row.predicates)) as string[],
    proofHash: String(row.proof_hash),
    issuerKeyHashes: JSON.parse(String(row.issuer_key_hashes)) as string[],
    nullifier: String(row.nullifier),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consentReceipt: textOrNull(row.consent_receipt),
    rewardTx: textOrNull(row.reward_tx),
    revokedAt: numberOrNull(row.revoked_at),
  };
}

/** An idempotency_keys row (either dialect) as an IdempotencyEntry. */
export function rowToIdempotencyEntry(row: Row): IdempotencyEntry {
  return {
    fingerprint: String(row.fingerprint),
    status: Number(row.status),
    resource: String(row.resource),
    createdAt: Number(row.created_at),
  };
}

/** The light_records columns an insert fills, in the order of recordToInsertValues. */
export const LIGHT_RECORD_INSERT_COLUMNS =
  'pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier, created_at, expires_at, consent_receipt';

/** A new light record as the values of an insert (either dialect), in LIGHT_RECORD_INSERT_COLUMNS order. */
export function recordToInsertValues(record: NewLightRecord): (string | number | null)[] {
  return [
    record.pseudonym,
    record.requestId,
    JSON.stringify(record.predicates),
    record.proofHash,
    JSON.stringify(record.issuerKeyHashes),
    record.nullifier,
    record.createdAt,
    record.expiresAt,
    typeof record.consentReceipt === 'string' ? record.consentReceipt : null,
  ];
}

/** An operator_tokens row (either dialect) as an OperatorToken. */
export function rowToOperatorToken(row: Row): OperatorToken {
  return {
    id: String(row.id),
    name: String(row.name),
    secretHash: String(row.secret_hash),
    scopes: String(row.scopes).split(',') as OperatorScope[],
    createdAt: Number(row.created_at),
    expiresAt: numberOrNull(row.expires_at),
    revokedAt: numberOrNull(row.revoked_at),
  };
}

/** The values of an operator_tokens insert, in OPERATOR_TOKEN_COLUMNS order. */
export const OPERATOR_TOKEN_COLUMNS = 'id, name, secret_hash, scopes, created_at, expires_at, revoked_at';
export function operatorTokenValues(token: OperatorToken): (string | number | null)[] {
  return [
    token.id,
    token.name,
    token.secretHash,
    token.scopes.join(','),
    token.createdAt,
    token.expiresAt,
    token.revokedAt,
  ];
}

/** The consent-receipt reference `save` fills once the record has its id, if it asked for one. */
export function consentReceiptAfterInsert(record: NewLightRecord, id: number): string | null {
  const wanted = record.consentReceipt;
  if (wanted === null || typeof wanted === 'string') return null;
  return consentReceiptIdOf({ merchantAddress: wanted.merchantAddress, requestId: record.requestId, recordId: id });
}

/** The proof_bundles columns, in the order of proofBundleValues. */
export const PROOF_BUNDLE_COLUMNS = 'record_id, request_hash, recipient, pseudonym, proofs';
export function proofBundleValues(recordId: number, bundle: ProofBundle): (string | number)[] {
  const kept = keepProofBundle(bundle);
  return [recordId, kept.requestHash, kept.recipient, kept.pseudonym, kept.proofs];
}

/** A proof_bundles row joined with its record's request_id, as the bundle the wallet sent. */
export function rowToProofBundle(row: Row): ProofBundle {
  return restoreProofBundle(
    {
      requestHash: String(row.request_hash),
      recipient: String(row.recipient),
      pseudonym: String(row.pseudonym),
      proofs: String(row.proofs),
    },
    String(row.request_id),
  );
}

/** The campaigns columns, in the order of campaignValues. */
export const CAMPAIGN_COLUMNS = 'campaign_id, chain_id, pool, scope, token, amount, predicate, created_at, closed_at';
export function campaignValues(kept: KeptCampaign): (string | number | null)[] {
  const { campaign } = kept;
  return [
    campaign.campaignId,
    campaign.chainId,
    campaign.pool,
    campaign.scope,
    campaign.token,
    campaign.amount,
    JSON.stringify(kept.predicate),
    kept.createdAt,
    kept.closedAt,
  ];
}

/** A campaigns row (either dialect) as a KeptCampaign. */
export function rowToCampaign(row: Row): KeptCampaign {
  return {
    campaign: {
      chainId: Number(row.chain_id),
      pool: String(row.pool),
      campaignId: String(row.campaign_id),
      scope: String(row.scope),
      token: String(row.token),
      amount: String(row.amount),
    },
    predicate: JSON.parse(String(row.predicate)) as RequestPredicate,
    createdAt: Number(row.created_at),
    closedAt: numberOrNull(row.closed_at),
  };
}
