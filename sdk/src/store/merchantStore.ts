import type { ProofBundle } from '../protocol/proofBundle.ts';
import type { AttributeRequest, RequestPredicate, SignedRequest } from '../protocol/request.ts';

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
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds: createdAt + the request's retention. Purged after. */
  expiresAt: number;
  /** The id of the person's consent receipt for this answer (consentReceiptIdOf), never its pod address. */
  consentReceipt: string | null;
  rewardTx: string | null;
  /** Unix seconds when the person revoked; the record is purged with it. */
  revokedAt: number | null;
};

/**
 * What `save` takes: the record plus the nullifier's scope, which keys the spent-nullifier table
 * and is not kept in the record (the merchant's request determines it).
 */
export type NewLightRecord = Omit<LightRecord, 'id' | 'rewardTx' | 'revokedAt' | 'consentReceipt'> & {
  nullifierScope: string;
  /**
   * The consent-receipt reference; `{ merchantAddress }` asks the store to name the wallet's
   * receipt of this answer (consentReceiptIdOf), which needs the record's id.
   */
  consentReceipt: string | null | { merchantAddress: string };
  /**
   * The verified bundle, kept beside the record (proofs and public signals only, never an attribute
   * value) so an auditor can check the proof again; deleted with the record, or when it is revoked.
   */
  proofBundle?: ProofBundle;
};

/**
 * Where a merchant keeps its own signed requests and the light records of answers: SQLite by
 * default, PostgreSQL for scale, same schema and one implementation (sqlStore.ts).
 */
export interface MerchantStore {
  saveRequest(signed: SignedRequest): Promise<void>;
  getRequest(id: string): Promise<SignedRequest | undefined>;
  /** Requests not yet expired at `now` (unix seconds), the last to expire first (newest first, for one retention). */
  listOpenRequests(params: { now: number }): Promise<SignedRequest[]>;
  /**
   * Saves atomically. The same proof twice returns the first record (`duplicate: true`);
   * another proof with a used nullifier throws NullifierReusedError.
   */
  save(record: NewLightRecord): Promise<{ record: LightRecord; duplicate: boolean }>;
  list(params?: { limit?: number; includeRevoked?: boolean }): Promise<LightRecord[]>;
  setRewardTx(params: { id: number; txHash: string }): Promise<void>;
  getRecord(id: number): Promise<LightRecord | undefined>;
  /** The proof bundle kept with a record, as the wallet sent it; undefined when none was kept (or it is gone). */
  getProofBundle(recordId: number): Promise<ProofBundle | undefined>;
  /** Marks every record of this pseudonym for the request as revoked (their proof bundles go at once); returns how many. */
  revoke(params: { pseudonym: string; requestId: string; at: number }): Promise<number>;
  /**
   * Deletes the records of this pseudonym for the request (only the one with `proofHash` when
   * given) at once, with their proof bundles: a person's revocation. The spent nullifier stays. Returns how many.
   */
  deleteRecords(params: { pseudonym: string; requestId: string; proofHash?: string }): Promise<number>;
  /**
   * Deletes expired and revoked records, idempotency keys older than a day, and the mask board's
   * expired requests with their answers; returns how many (light) records.
   */
  purge(params: { now: number }): Promise<number>;
  /** The answer an idempotency key (hashed) was given, if any. */
  findIdempotencyKey(keyHash: string): Promise<IdempotencyEntry | undefined>;
  /** Remembers an answer; the first writer of a key wins (returns false when the key was taken). */
  rememberIdempotencyKey(entry: IdempotencyEntry & { keyHash: string }): Promise<boolean>;
  /** Adds an operator token (its secret hashed already); ids are unique. */
  saveOperatorToken(token: OperatorToken): Promise<void>;
  getOperatorToken(id: string): Promise<OperatorToken | undefined>;
  /** Every token, revoked ones too, oldest first. */
  listOperatorTokens(): Promise<OperatorToken[]>;
  /** Marks the token revoked at `at`; false when there is no such token (or it was revoked). */
  revokeOperatorToken(params: { id: string; at: number }): Promise<boolean>;
  /** Remembers an inbox a person connected; the same URL twice is kept once. */
  saveInbox(params: { url: string; createdAt: number }): Promise<void>;
  /** Connected inbox URLs, oldest first. */
  listInboxes(): Promise<string[]>;
  /** Forgets an inbox (the person closed it); false when it was not there. */
  deleteInbox(url: string): Promise<boolean>;
  /** The offer desk's durable state: definitions, display and click totals, opt-outs (docs/offers.md). */
  loadOfferDesk(): Promise<StoredOfferDesk>;
  /** Adds or replaces an offer's or a context's definition (the operator's JSON, validated by the desk). */
  saveOfferDefinition(params: { kind: 'offer' | 'context'; id: string; definition: string; at: number }): Promise<void>;
  /** Adds displays and clicks to the running totals per offer × context, in one transaction. */
  addOfferEvidence(evidence: readonly OfferEvidence[]): Promise<void>;
  /** Remembers that a pseudonym opted out of an interest; false when it already had. */
  saveOfferOptOut(params: { pseudonym: string; interest: string; at: number }): Promise<boolean>;
  /** Adds a reward campaign this merchant created and pays from (POST /campaigns); ids are unique. */
  saveCampaign(campaign: KeptCampaign): Promise<void>;
  /** The mask service's board (docs/masks.md): a merchant's signed mask request, as JSON text. */
  saveMaskRequest(params: { id: string; maskId: string; signed: string; expiresAt: number }): Promise<void>;
  getMaskRequest(id: string): Promise<string | undefined>;
  /** A mask's requests that expire after `now`, oldest first. */
  listMaskRequests(params: { maskId: string; now: number }): Promise<string[]>;
  /** Keeps an answer once per nullifier; false when that nullifier already answered. */
  saveMaskAnswer(params: { requestId: string; nullifier: string; answer: string; at: number }): Promise<boolean>;
  listMaskAnswers(requestId: string): Promise<{ nullifier: string; answer: string }[]>;
  /** The merchant's own request to a mask's members (its mask desk), as signed JSON text. */
  saveSentMaskRequest(params: {
    id: string;
    maskId: string;
    signed: string;
    expiresAt: number;
    at: number;
  }): Promise<void>;
  /** The merchant's mask requests, newest first (expired ones too: their counts stay). */
  listSentMaskRequests(): Promise<{ signed: string; createdAt: number }[]>;
  getSentMaskRequest(id: string): Promise<string | undefined>;
  /** Keeps answers the merchant verified, once per nullifier (a known one is left as it is). */
  saveSentMaskAnswers(params: {
    requestId: string;
    answers: readonly { nullifier: string; recipient: string | null }[];
    at: number;
  }): Promise<void>;
  listSentMaskAnswers(requestId: string): Promise<{ nullifier: string; recipient: string | null }[]>;
  /**
   * Writes a payout row before its transfer is sent; false when the answer has one already (paid,
   * or sent with an unknown outcome): the caller must not send.
   */
  startMaskPayout(params: MaskPayoutStart): Promise<boolean>;
  /** Records the mined transfer of a started payout. */
  finishMaskPayout(params: { requestId: string; nullifier: string; txHash: string; at: number }): Promise<void>;
  /** Every payout row of a request: `txHash` null means sent, outcome unknown. */
  listMaskPayouts(requestId: string): Promise<KeptMaskPayout[]>;
  /** The merchant's campaigns, oldest first (closed ones too). */
  listCampaigns(): Promise<KeptCampaign[]>;
  /** Marks a campaign closed (no new request names it); false when unknown or closed already. */
  closeCampaign(params: { campaignId: string; at: number }): Promise<boolean>;
  /** Counts one confirmed revocation that deleted records (durable: the records themselves are gone). */
  countRevocation(params: { requestId: string; deletedRecords: number; at: number }): Promise<void>;
  /** Confirmed revocations that deleted a record, ever. */
  revocationCount(): Promise<number>;
  /** Tables and their columns as the database reports them (audits, the schema test). */
  describeSchema(): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

export type IdempotencyEntry = {
  /** sha256 of method, path and body: the same key with another body is refused. */
  fingerprint: string;
  status: number;
  /**
   * `request:<id>`, `record:<id>` or `claim:<tx hash>:<block>:<amount>` (POST /claims): the answer
   * is rebuilt from it, no body is kept.
   */
  resource: string;
  createdAt: number;
};

/** How long idempotency keys are kept, in seconds. */
export const IDEMPOTENCY_TTL_SECONDS = 86_400;

/** An operator API token as stored: never the secret, only its sha256. */
export type OperatorToken = {
  /** 16 hex characters; the public half of the token. */
  id: string;
  name: string;
  /** 0x + sha256 of the secret half. */
  secretHash: string;
  scopes: OperatorScope[];
  /** Unix seconds. */
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
};

/** Scopes an operator token can carry (docs/merchant.md "Operator tokens"). */
export const OPERATOR_SCOPES = ['requests:write', 'campaigns:write', 'records:read', 'metrics:read'] as const;
export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

/** Displays and clicks of one offer in one context (a running total, or an increment to add). */
export type OfferEvidence = { offerId: string; contextId: string; displays: number; clicks: number };

/** What the offer desk reads back at start: definitions as the operator gave them, evidence, opt-outs. */
export type StoredOfferDesk = {
  offers: { id: string; definition: string }[];
  contexts: { id: string; definition: string }[];
  evidence: OfferEvidence[];
  optOuts: { pseudonym: string; interest: string }[];
};

/** A payout of one mask answer, as written before its transfer is sent. */
export type MaskPayoutStart = {
  requestId: string;
  nullifier: string;
  recipient: string;
  token: string;
  /** Base units. */
  amount: string;
  at: number;
};

/** A payout row: `txHash` null while (or if) the transfer's outcome is unknown. */
export type KeptMaskPayout = Omit<MaskPayoutStart, 'at'> & {
  txHash: string | null;
  createdAt: number;
  paidAt: number | null;
};

/** A reward campaign the merchant created (its money lives on-chain; this is what requests name). */
export type KeptCampaign = {
  /** What a rewarded request carries as `reward`: chain, pool, campaign id, scope, token, amount (base units). */
  campaign: NonNullable<AttributeRequest['reward']>;
  /** The predicate the pool pays for: every request rewarded from it includes it. */
  predicate: RequestPredicate;
  /** Unix seconds. */
  createdAt: number;
  closedAt: number | null;
};
