// The merchant store, written once: every query in the SQL both databases accept, run through a
// driver (sqlDriver.ts) that hides what differs. openSqliteStore and openPostgresStore each pick
// a driver; the schema is in migrations.ts.
import { NullifierReusedError, StoreError } from '../errors/index.ts';
import type { SignedRequest } from '../protocol/request.ts';
import { IDEMPOTENCY_TTL_SECONDS, type MerchantStore, type NewLightRecord } from './merchantStore.ts';
import {
  CAMPAIGN_COLUMNS,
  campaignValues,
  consentReceiptAfterInsert,
  LIGHT_RECORD_INSERT_COLUMNS,
  OPERATOR_TOKEN_COLUMNS,
  operatorTokenValues,
  PROOF_BUNDLE_COLUMNS,
  proofBundleValues,
  recordToInsertValues,
  rowToCampaign,
  rowToIdempotencyEntry,
  rowToOperatorToken,
  rowToProofBundle,
  rowToRecord,
} from './rowToRecord.ts';
import type { SqlDriver, SqlRow, SqlStatements } from './sqlDriver.ts';

/** `$1, $2, … $n`: the placeholders of an insert of n columns. */
const placeholders = (count: number) => Array.from({ length: count }, (_, index) => `$${index + 1}`).join(', ');

const RECORD_BY_PROOF_HASH = 'SELECT * FROM light_records WHERE proof_hash = $1';
const INSERT_RECORD = `INSERT INTO light_records (${LIGHT_RECORD_INSERT_COLUMNS}) VALUES (${placeholders(9)}) RETURNING *`;
const INSERT_PROOF_BUNDLE = `INSERT INTO proof_bundles (${PROOF_BUNDLE_COLUMNS}) VALUES (${placeholders(5)})`;

/** Runs a transaction; a failure other than the ones the caller expects becomes a StoreError saying what did not happen. */
async function transaction<T>(
  driver: SqlDriver,
  failure: string,
  work: (statements: SqlStatements) => Promise<T>,
): Promise<T> {
  try {
    return await driver.transaction(work);
  } catch (error) {
    if (error instanceof NullifierReusedError) throw error;
    throw new StoreError(failure, { cause: error });
  }
}

const first = (rows: SqlRow[]): SqlRow | undefined => rows[0];

/**
 * The MerchantStore over a driver: saving is one transaction whose unique keys (proof hash, spent
 * nullifier) decide races, so several processes can share a PostgreSQL database.
 */
export function createSqlStore(driver: SqlDriver): MerchantStore {
  const { query, run } = driver;
  return {
    async saveRequest(signed: SignedRequest) {
      await run('INSERT INTO requests (id, signed, expires_at) VALUES ($1, $2, $3)', [
        signed.request.id,
        JSON.stringify(signed),
        signed.request.expiresAt,
      ]);
    },
    async getRequest(id: string) {
      const row = first(await query('SELECT signed FROM requests WHERE id = $1', [id]));
      return row ? (JSON.parse(String(row.signed)) as SignedRequest) : undefined;
    },
    async listOpenRequests({ now }) {
      const rows = await query('SELECT signed FROM requests WHERE expires_at > $1 ORDER BY expires_at DESC, id', [now]);
      return rows.map((row) => JSON.parse(String(row.signed)) as SignedRequest);
    },
    save(record: NewLightRecord) {
      return transaction(driver, 'Saving the light record failed; nothing was stored.', async (tx) => {
        const existing = first(await tx.query(RECORD_BY_PROOF_HASH, [record.proofHash]));
        if (existing) return { record: rowToRecord(existing), duplicate: true };
        // PostgreSQL waits here for a concurrent transaction holding the same key, then sees its outcome.
        const spent = await tx.run(
          'INSERT INTO spent_nullifiers (nullifier_scope, nullifier) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [record.nullifierScope, record.nullifier],
        );
        if (spent === 0) {
          // The same proof sent twice at once: the other transaction committed it first.
          const again = first(await tx.query(RECORD_BY_PROOF_HASH, [record.proofHash]));
          if (again) return { record: rowToRecord(again), duplicate: true };
          throw new NullifierReusedError('This answer was already used for this request or campaign.', {
            field: 'nullifier',
            hint: 'Each person can answer a request (or claim a campaign) once.',
          });
        }
        let row = first(await tx.query(INSERT_RECORD, recordToInsertValues(record))) as SqlRow;
        const id = Number(row.id);
        const receipt = consentReceiptAfterInsert(record, id);
        if (receipt !== null) {
          row = first(
            await tx.query('UPDATE light_records SET consent_receipt = $1 WHERE id = $2 RETURNING *', [receipt, id]),
          ) as SqlRow;
        }
        if (record.proofBundle) {
          await tx.run(INSERT_PROOF_BUNDLE, proofBundleValues(id, record.proofBundle));
        }
        return { record: rowToRecord(row), duplicate: false };
      });
    },
    async list(options = {}) {
      const rows = await query(
        `SELECT * FROM light_records ${options.includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY id DESC LIMIT $1`,
        [options.limit ?? 1000],
      );
      return rows.map(rowToRecord);
    },
    async getRecord(id) {
      const row = first(await query('SELECT * FROM light_records WHERE id = $1', [id]));
      return row ? rowToRecord(row) : undefined;
    },
    async getProofBundle(recordId) {
      const row = first(
        await query(
          'SELECT proof_bundles.*, light_records.request_id FROM proof_bundles JOIN light_records ON light_records.id = proof_bundles.record_id WHERE record_id = $1',
          [recordId],
        ),
      );
      return row ? rowToProofBundle(row) : undefined;
    },
    async setRewardTx({ id, txHash }) {
      await run('UPDATE light_records SET reward_tx = $1 WHERE id = $2', [txHash, id]);
    },
    revoke({ pseudonym, requestId, at }) {
      return transaction(driver, 'Revoking the records failed.', async (tx) => {
        const revoked = await tx.run(
          'UPDATE light_records SET revoked_at = $1 WHERE pseudonym = $2 AND request_id = $3 AND revoked_at IS NULL',
          [at, pseudonym, requestId],
        );
        // A revoked answer's proofs are not kept for its retention: they go now, the row at the next purge.
        await tx.run(
          'DELETE FROM proof_bundles WHERE record_id IN (SELECT id FROM light_records WHERE pseudonym = $1 AND request_id = $2)',
          [pseudonym, requestId],
        );
        return revoked;
      });
    },
    deleteRecords({ pseudonym, requestId, proofHash }) {
      return proofHash === undefined
        ? run('DELETE FROM light_records WHERE pseudonym = $1 AND request_id = $2', [pseudonym, requestId])
        : run('DELETE FROM light_records WHERE pseudonym = $1 AND request_id = $2 AND proof_hash = $3', [
            pseudonym,
            requestId,
            proofHash,
          ]);
    },
    purge({ now }) {
      return transaction(driver, 'Purging expired records failed.', async (tx) => {
        const purged = await tx.run('DELETE FROM light_records WHERE expires_at <= $1 OR revoked_at IS NOT NULL', [
          now,
        ]);
        await tx.run('DELETE FROM idempotency_keys WHERE created_at <= $1', [now - IDEMPOTENCY_TTL_SECONDS]);
        // The mask board: expired requests and their answers (nothing is answered after expiry).
        await tx.run(
          'DELETE FROM mask_answers WHERE request_id IN (SELECT id FROM mask_requests WHERE expires_at <= $1)',
          [now],
        );
        await tx.run('DELETE FROM mask_requests WHERE expires_at <= $1', [now]);
        return purged;
      });
    },
    async findIdempotencyKey(keyHash) {
      const row = first(await query('SELECT * FROM idempotency_keys WHERE key_hash = $1', [keyHash]));
      return row ? rowToIdempotencyEntry(row) : undefined;
    },
    async rememberIdempotencyKey(entry) {
      const added = await run(
        `INSERT INTO idempotency_keys (key_hash, fingerprint, status, resource, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [entry.keyHash, entry.fingerprint, entry.status, entry.resource, entry.createdAt],
      );
      return added === 1;
    },
    async saveOperatorToken(token) {
      await run(
        `INSERT INTO operator_tokens (${OPERATOR_TOKEN_COLUMNS}) VALUES (${placeholders(7)})`,
        operatorTokenValues(token),
      );
    },
    async getOperatorToken(id) {
      const row = first(await query('SELECT * FROM operator_tokens WHERE id = $1', [id]));
      return row ? rowToOperatorToken(row) : undefined;
    },
    async listOperatorTokens() {
      return (await query('SELECT * FROM operator_tokens ORDER BY created_at, id')).map(rowToOperatorToken);
    },
    async revokeOperatorToken({ id, at }) {
      return (
        (await run('UPDATE operator_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])) === 1
      );
    },
    async saveInbox({ url, createdAt }) {
      await run('INSERT INTO connected_inboxes (url, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        url,
        createdAt,
      ]);
    },
    async listInboxes() {
      return (await query('SELECT url FROM connected_inboxes ORDER BY id')).map((row) => String(row.url));
    },
    async deleteInbox(url) {
      return (await run('DELETE FROM connected_inboxes WHERE url = $1', [url])) === 1;
    },
    async loadOfferDesk() {
      const definitions = async (table: string) =>
        (await query(`SELECT id, definition FROM ${table} ORDER BY id`)).map((row) => ({
          id: String(row.id),
          definition: String(row.definition),
        }));
      return {
        offers: await definitions('offer_definitions'),
        contexts: await definitions('offer_contexts'),
        evidence: (await query('SELECT * FROM offer_evidence ORDER BY offer_id, context_id')).map((row) => ({
          offerId: String(row.offer_id),
          contextId: String(row.context_id),
          displays: Number(row.displays),
          clicks: Number(row.clicks),
        })),
        optOuts: (await query('SELECT pseudonym, interest FROM offer_opt_outs ORDER BY created_at')).map((row) => ({
          pseudonym: String(row.pseudonym),
          interest: String(row.interest),
        })),
      };
    },
    async saveOfferDefinition({ kind, id, definition, at }) {
      const table = kind === 'offer' ? 'offer_definitions' : 'offer_contexts';
      await run(
        `INSERT INTO ${table} (id, definition, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
        [id, definition, at],
      );
    },
    async addOfferEvidence(evidence) {
      await transaction(driver, 'Saving offer displays and clicks failed; nothing was added.', async (tx) => {
        for (const cell of evidence) {
          await tx.run(
            `INSERT INTO offer_evidence (offer_id, context_id, displays, clicks) VALUES ($1, $2, $3, $4)
             ON CONFLICT (offer_id, context_id) DO UPDATE SET displays = offer_evidence.displays + excluded.displays,
               clicks = offer_evidence.clicks + excluded.clicks`,
            [cell.offerId, cell.contextId, cell.displays, cell.clicks],
          );
        }
      });
    },
    async saveOfferOptOut({ pseudonym, interest, at }) {
      const added = await run(
        'INSERT INTO offer_opt_outs (pseudonym, interest, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [pseudonym, interest, at],
      );
      return added === 1;
    },
    async saveMaskRequest({ id, maskId, signed, expiresAt }) {
      await run(
        'INSERT INTO mask_requests (id, mask_id, signed, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET signed = excluded.signed, expires_at = excluded.expires_at',
        [id, maskId, signed, expiresAt],
      );
    },
    async getMaskRequest(id) {
      const row = first(await query('SELECT signed FROM mask_requests WHERE id = $1', [id]));
      return row ? String(row.signed) : undefined;
    },
    async listMaskRequests({ maskId, now }) {
      const rows = await query(
        'SELECT signed FROM mask_requests WHERE mask_id = $1 AND expires_at > $2 ORDER BY expires_at, id',
        [maskId, now],
      );
      return rows.map((row) => String(row.signed));
    },
    async saveMaskAnswer({ requestId, nullifier, answer, at }) {
      const added = await run(
        'INSERT INTO mask_answers (request_id, nullifier, answer, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [requestId, nullifier, answer, at],
      );
      return added === 1;
    },
    async listMaskAnswers(requestId) {
      const rows = await query(
        'SELECT nullifier, answer FROM mask_answers WHERE request_id = $1 ORDER BY created_at, nullifier',
        [requestId],
      );
      return rows.map((row) => ({ nullifier: String(row.nullifier), answer: String(row.answer) }));
    },
    async saveSentMaskRequest({ id, maskId, signed, expiresAt, at }) {
      await run(
        'INSERT INTO sent_mask_requests (id, mask_id, signed, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
        [id, maskId, signed, expiresAt, at],
      );
    },
    async listSentMaskRequests() {
      const rows = await query('SELECT signed, created_at FROM sent_mask_requests ORDER BY created_at DESC, id DESC');
      return rows.map((row) => ({ signed: String(row.signed), createdAt: Number(row.created_at) }));
    },
    async getSentMaskRequest(id) {
      const row = first(await query('SELECT signed FROM sent_mask_requests WHERE id = $1', [id]));
      return row ? String(row.signed) : undefined;
    },
    async saveSentMaskAnswers({ requestId, answers, at }) {
      if (answers.length === 0) return;
      await transaction(driver, 'Saving the verified mask answers failed; none was kept.', async (tx) => {
        for (const answer of answers) {
          await tx.run(
            'INSERT INTO sent_mask_answers (request_id, nullifier, recipient, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [requestId, answer.nullifier, answer.recipient, at],
          );
        }
      });
    },
    async listSentMaskAnswers(requestId) {
      const rows = await query(
        'SELECT nullifier, recipient FROM sent_mask_answers WHERE request_id = $1 ORDER BY created_at, nullifier',
        [requestId],
      );
      return rows.map((row) => ({
        nullifier: String(row.nullifier),
        recipient: row.recipient === null ? null : String(row.recipient),
      }));
    },
    async startMaskPayout({ requestId, nullifier, recipient, token, amount, at }) {
      // The primary key (request, nullifier) decides: of two payouts of one answer, one row is written.
      const added = await run(
        `INSERT INTO mask_payouts (request_id, nullifier, recipient, token, amount, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [requestId, nullifier, recipient, token, amount, at],
      );
      return added === 1;
    },
    async finishMaskPayout({ requestId, nullifier, txHash, at }) {
      await run('UPDATE mask_payouts SET tx_hash = $1, paid_at = $2 WHERE request_id = $3 AND nullifier = $4', [
        txHash,
        at,
        requestId,
        nullifier,
      ]);
    },
    async listMaskPayouts(requestId) {
      const rows = await query('SELECT * FROM mask_payouts WHERE request_id = $1 ORDER BY created_at, nullifier', [
        requestId,
      ]);
      return rows.map((row) => ({
        requestId: String(row.request_id),
        nullifier: String(row.nullifier),
        recipient: String(row.recipient),
        token: String(row.token),
        amount: String(row.amount),
        txHash: row.tx_hash === null ? null : String(row.tx_hash),
        createdAt: Number(row.created_at),
        paidAt: row.paid_at === null ? null : Number(row.paid_at),
      }));
    },
    async saveCampaign(kept) {
      await run(`INSERT INTO campaigns (${CAMPAIGN_COLUMNS}) VALUES (${placeholders(9)})`, campaignValues(kept));
    },
    async listCampaigns() {
      // Campaign ids are decimals (on-chain counters): shorter first sorts them as numbers.
      const rows = await query('SELECT * FROM campaigns ORDER BY created_at, length(campaign_id), campaign_id');
      return rows.map(rowToCampaign);
    },
    async closeCampaign({ campaignId, at }) {
      return (
        (await run('UPDATE campaigns SET closed_at = $1 WHERE campaign_id = $2 AND closed_at IS NULL', [
          at,
          campaignId,
        ])) === 1
      );
    },
    async countRevocation({ requestId, deletedRecords, at }) {
      await run('INSERT INTO revocations (request_id, deleted_records, revoked_at) VALUES ($1, $2, $3)', [
        requestId,
        deletedRecords,
        at,
      ]);
    },
    async revocationCount() {
      return Number(first(await query('SELECT count(*) AS n FROM revocations WHERE deleted_records > 0'))?.n ?? 0);
    },
    describeSchema: () => driver.describeSchema(),
    close: () => driver.close(),
  };
}
