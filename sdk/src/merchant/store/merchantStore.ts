// The light record: everything a merchant keeps about an answer, and nothing else. No field can
// hold an attribute value: predicates are the request's own words ("age ≥ 18").
export type LightRecord = {
  id: number;
  /** Per-merchant pseudonym: Poseidon(holderSecret, merchantScope). */
  pseudonym: string;
  requestId: string;
  predicates: string[];
  proofHash: string;
  issuerKeyHashes: string[];
  nullifier: string;
  nullifierScope: string;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds: createdAt + the request's retention. Purged after. */
  expiresAt: number;
  consentReceipt: string | null;
  rewardTx: string | null;
  /** Unix seconds when the person revoked; the record is purged with it. */
  revokedAt: number | null;
};

export type NewLightRecord = Omit<LightRecord, 'id' | 'rewardTx' | 'revokedAt'>;

import type { SignedRequest } from '../../protocol/request.ts';

/**
 * Where a merchant keeps its own signed requests and the light records of answers: SQLite by
 * default, PostgreSQL for scale, same schema.
 */
export interface MerchantStore {
  saveRequest(signed: SignedRequest): Promise<void>;
  getRequest(id: string): Promise<SignedRequest | undefined>;
  /** Requests not yet expired at `now` (unix seconds), newest first. */
  listOpenRequests(params: { now: number }): Promise<SignedRequest[]>;
  /**
   * Saves atomically. The same proof twice returns the first record (`duplicate: true`);
   * another proof with a used nullifier throws NullifierReusedError.
   */
  save(record: NewLightRecord): Promise<{ record: LightRecord; duplicate: boolean }>;
  list(params?: { limit?: number; includeRevoked?: boolean }): Promise<LightRecord[]>;
  setRewardTx(params: { id: number; txHash: string }): Promise<void>;
  /** Marks every record of this pseudonym for the request as revoked; returns how many. */
  revoke(params: { pseudonym: string; requestId: string; at: number }): Promise<number>;
  /** Deletes expired and revoked records; returns how many. */
  purge(params: { now: number }): Promise<number>;
  close(): Promise<void>;
}
