// The embedded default store: Node's built-in SQLite (no native addon to build), WAL journal.
import { DatabaseSync } from 'node:sqlite';
import { NullifierReusedError, StoreError } from '../errors/index.ts';
import type { SignedRequest } from '../protocol/request.ts';
import { IDEMPOTENCY_TTL_SECONDS, type MerchantStore, type NewLightRecord } from './merchantStore.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import {
  CAMPAIGN_COLUMNS,
  campaignValues,
  consentReceiptAfterInsert,
  LIGHT_RECORD_INSERT_COLUMNS,
  OPERATOR_TOKEN_COLUMNS,
  operatorTokenValues,
  PROOF_BUNDLE_COLUMNS,
  proofBundleValues,
  type Row,
  recordToInsertValues,
  rowToCampaign,
  rowToIdempotencyEntry,
  rowToOperatorToken,
  rowToProofBundle,
  rowToRecord,
} from './rowToRecord.ts';

function migrate(db: DatabaseSync): void {
  db.exec(MIGRATIONS_TABLE);
  for (const migration of MIGRATIONS) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(migration.version);
      if (!done) {
        for (const statement of migration.sqlite) db.exec(statement);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          Math.floor(Date.now() / 1000),
        );
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Opens (and migrates) a SQLite light-record store; `path` ':memory:' for tests.
 * @example const store = openSqliteStore({ path: 'data/merchant.sqlite' });
 * @since 0.2.0
 */
export function openSqliteStore(params: { path: string }): MerchantStore {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(params.path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    migrate(db);
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite store at ${params.path}.`, { cause });
  }
  const insert = db.prepare(
    `INSERT INTO light_records (${LIGHT_RECORD_INSERT_COLUMNS})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const spend = db.prepare(
    'INSERT INTO spent_nullifiers (nullifier_scope, nullifier) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const byProofHash = db.prepare('SELECT * FROM light_records WHERE proof_hash = ?');
  const keepBundle = db.prepare(`INSERT INTO proof_bundles (${PROOF_BUNDLE_COLUMNS}) VALUES (?, ?, ?, ?, ?)`);
  const nameReceipt = db.prepare('UPDATE light_records SET consent_receipt = ? WHERE id = ? RETURNING *');

  return {
    async saveRequest(signed: SignedRequest) {
      db.prepare('INSERT INTO requests (id, signed, expires_at) VALUES (?, ?, ?)').run(
        signed.request.id,
        JSON.stringify(signed),
        signed.request.expiresAt,
      );
    },
    async getRequest(id: string) {
      const row = db.prepare('SELECT signed FROM requests WHERE id = ?').get(id) as Row | undefined;
      return row ? (JSON.parse(String(row.signed)) as SignedRequest) : undefined;
    },
    async listOpenRequests({ now }) {
      const rows = db.prepare('SELECT signed FROM requests WHERE expires_at > ? ORDER BY rowid DESC').all(now) as Row[];
      return rows.map((row) => JSON.parse(String(row.signed)) as SignedRequest);
    },
    async save(record: NewLightRecord) {
      // One transaction: the record and its spent nullifier land together or not at all.
      db.exec('BEGIN IMMEDIATE');
      try {
        const existing = byProofHash.get(record.proofHash) as Row | undefined;
        if (existing) {
          db.exec('COMMIT');
          return { record: rowToRecord(existing), duplicate: true };
        }
        if (Number(spend.run(record.nullifierScope, record.nullifier).changes) === 0) {
          throw new NullifierReusedError('This answer was already used for this request or campaign.', {
            field: 'nullifier',
            hint: 'Each person can answer a request (or claim a campaign) once.',
          });
        }
        let row = insert.get(...recordToInsertValues(record)) as Row;
        const id = Number(row.id);
        const receipt = consentReceiptAfterInsert(record, id);
        if (receipt !== null) row = nameReceipt.get(receipt, id) as Row;
        if (record.proofBundle) keepBundle.run(...proofBundleValues(id, record.proofBundle));
        db.exec('COMMIT');
        return { record: rowToRecord(row), duplicate: false };
      } catch (error) {
        db.exec('ROLLBACK');
        if (error instanceof NullifierReusedError) throw error;
        throw new StoreError('Saving the light record failed; nothing was stored.', { cause: error });
      }
    },
    async list(options = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM light_records ${options.includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY id DESC LIMIT ?`,
        )
        .all(options.limit ?? 1000) as Row[];
      return rows.map(rowToRecord);
    },
    async getRecord(id) {
      const row = db.prepare('SELECT * FROM light_records WHERE id = ?').get(id) as Row | undefined;
      return row ? rowToRecord(row) : undefined;
    },
    async getProofBundle(recordId) {
      const row = db
        .prepare(
          'SELECT proof_bundles.*, light_records.request_id FROM proof_bundles JOIN light_records ON light_records.id = proof_bundles.record_id WHERE record_id = ?',
        )
        .get(recordId) as Row | undefined;
      return row ? rowToProofBundle(row) : undefined;
    },
    async setRewardTx({ id, txHash }) {
      db.prepare('UPDATE light_records SET reward_tx = ? WHERE id = ?').run(txHash, id);
    },
    async revoke({ pseudonym, requestId, at }) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = db
          .prepare(
            'UPDATE light_records SET revoked_at = ? WHERE pseudonym = ? AND request_id = ? AND revoked_at IS NULL',
          )
          .run(at, pseudonym, requestId);
        // A revoked answer's proofs are not kept for its retention: they go now, the row at the next purge.
        db.prepare(
          'DELETE FROM proof_bundles WHERE record_id IN (SELECT id FROM light_records WHERE pseudonym = ? AND request_id = ?)',
        ).run(pseudonym, requestId);
        db.exec('COMMIT');
        return Number(result.changes);
      } catch (error) {
        db.exec('ROLLBACK');
        throw new StoreError('Revoking the records failed.', { cause: error });
      }
    },
    async deleteRecords({ pseudonym, requestId, proofHash }) {
      const result =
        proofHash === undefined
          ? db.prepare('DELETE FROM light_records WHERE pseudonym = ? AND request_id = ?').run(pseudonym, requestId)
          : db
              .prepare('DELETE FROM light_records WHERE pseudonym = ? AND request_id = ? AND proof_hash = ?')
              .run(pseudonym, requestId, proofHash);
      return Number(result.changes);
    },
    async purge({ now }) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = db.prepare('DELETE FROM light_records WHERE expires_at <= ? OR revoked_at IS NOT NULL').run(now);
        db.prepare('DELETE FROM idempotency_keys WHERE created_at <= ?').run(now - IDEMPOTENCY_TTL_SECONDS);
        // The mask board: expired requests and their answers (nothing is answered after expiry).
        db.prepare(
          'DELETE FROM mask_answers WHERE request_id IN (SELECT id FROM mask_requests WHERE expires_at <= ?)',
        ).run(now);
        db.prepare('DELETE FROM mask_requests WHERE expires_at <= ?').run(now);
        db.exec('COMMIT');
        return Number(result.changes);
      } catch (error) {
        db.exec('ROLLBACK');
        throw new StoreError('Purging expired records failed.', { cause: error });
      }
    },
    async findIdempotencyKey(keyHash) {
      const row = db.prepare('SELECT * FROM idempotency_keys WHERE key_hash = ?').get(keyHash) as Row | undefined;
      return row ? rowToIdempotencyEntry(row) : undefined;
    },
    async rememberIdempotencyKey(entry) {
      const result = db
        .prepare(
          `INSERT INTO idempotency_keys (key_hash, fingerprint, status, resource, created_at)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(entry.keyHash, entry.fingerprint, entry.status, entry.resource, entry.createdAt);
      return Number(result.changes) === 1;
    },
    async saveOperatorToken(token) {
      db.prepare(`INSERT INTO operator_tokens (${OPERATOR_TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        ...operatorTokenValues(token),
      );
    },
    async getOperatorToken(id) {
      const row = db.prepare('SELECT * FROM operator_tokens WHERE id = ?').get(id) as Row | undefined;
      return row ? rowToOperatorToken(row) : undefined;
    },
    async listOperatorTokens() {
      const rows = db.prepare('SELECT * FROM operator_tokens ORDER BY created_at, id').all() as Row[];
      return rows.map(rowToOperatorToken);
    },
    async revokeOperatorToken({ id, at }) {
      const result = db
        .prepare('UPDATE operator_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(at, id);
      return Number(result.changes) === 1;
    },
    async saveInbox({ url, createdAt }) {
      db.prepare('INSERT INTO connected_inboxes (url, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
        url,
        createdAt,
      );
    },
    async listInboxes() {
      const rows = db.prepare('SELECT url FROM connected_inboxes ORDER BY id').all() as Row[];
      return rows.map((row) => String(row.url));
    },
    async deleteInbox(url) {
      return Number(db.prepare('DELETE FROM connected_inboxes WHERE url = ?').run(url).changes) === 1;
    },
    async loadOfferDesk() {
      const definitions = (table: string) =>
        (db.prepare(`SELECT id, definition FROM ${table} ORDER BY id`).all() as Row[]).map((row) => ({
          id: String(row.id),
          definition: String(row.definition),
        }));
      return {
        offers: definitions('offer_definitions'),
        contexts: definitions('offer_contexts'),
        evidence: (db.prepare('SELECT * FROM offer_evidence ORDER BY offer_id, context_id').all() as Row[]).map(
          (row) => ({
            offerId: String(row.offer_id),
            contextId: String(row.context_id),
            displays: Number(row.displays),
            clicks: Number(row.clicks),
          }),
        ),
        optOuts: (db.prepare('SELECT pseudonym, interest FROM offer_opt_outs ORDER BY created_at').all() as Row[]).map(
          (row) => ({ pseudonym: String(row.pseudonym), interest: String(row.interest) }),
        ),
      };
    },
    async saveOfferDefinition({ kind, id, definition, at }) {
      const table = kind === 'offer' ? 'offer_definitions' : 'offer_contexts';
      db.prepare(
        `INSERT INTO ${table} (id, definition, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
      ).run(id, definition, at);
    },
    async addOfferEvidence(evidence) {
      const add = db.prepare(
        `INSERT INTO offer_evidence (offer_id, context_id, displays, clicks) VALUES (?, ?, ?, ?)
         ON CONFLICT (offer_id, context_id) DO UPDATE SET displays = displays + excluded.displays, clicks = clicks + excluded.clicks`,
      );
      db.exec('BEGIN IMMEDIATE');
      try {
        for (const cell of evidence) add.run(cell.offerId, cell.contextId, cell.displays, cell.clicks);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw new StoreError('Saving offer displays and clicks failed; nothing was added.', { cause: error });
      }
    },
    async saveOfferOptOut({ pseudonym, interest, at }) {
      const result = db
        .prepare('INSERT INTO offer_opt_outs (pseudonym, interest, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .run(pseudonym, interest, at);
      return Number(result.changes) === 1;
    },
    async saveMaskRequest({ id, maskId, signed, expiresAt }) {
      db.prepare(
        'INSERT INTO mask_requests (id, mask_id, signed, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET signed = excluded.signed, expires_at = excluded.expires_at',
      ).run(id, maskId, signed, expiresAt);
    },
    async getMaskRequest(id) {
      const row = db.prepare('SELECT signed FROM mask_requests WHERE id = ?').get(id) as Row | undefined;
      return row ? String(row.signed) : undefined;
    },
    async listMaskRequests({ maskId, now }) {
      const rows = db
        .prepare('SELECT signed FROM mask_requests WHERE mask_id = ? AND expires_at > ? ORDER BY expires_at, id')
        .all(maskId, now) as Row[];
      return rows.map((row) => String(row.signed));
    },
    async saveMaskAnswer({ requestId, nullifier, answer, at }) {
      const result = db
        .prepare(
          'INSERT INTO mask_answers (request_id, nullifier, answer, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(requestId, nullifier, answer, at);
      return Number(result.changes) === 1;
    },
    async listMaskAnswers(requestId) {
      const rows = db
        .prepare('SELECT nullifier, answer FROM mask_answers WHERE request_id = ? ORDER BY created_at, nullifier')
        .all(requestId) as Row[];
      return rows.map((row) => ({ nullifier: String(row.nullifier), answer: String(row.answer) }));
    },
    async saveCampaign(kept) {
      db.prepare(`INSERT INTO campaigns (${CAMPAIGN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        ...campaignValues(kept),
      );
    },
    async listCampaigns() {
      const rows = db.prepare('SELECT * FROM campaigns ORDER BY created_at, rowid').all() as Row[];
      return rows.map(rowToCampaign);
    },
    async closeCampaign({ campaignId, at }) {
      const result = db
        .prepare('UPDATE campaigns SET closed_at = ? WHERE campaign_id = ? AND closed_at IS NULL')
        .run(at, campaignId);
      return Number(result.changes) === 1;
    },
    async countRevocation({ requestId, deletedRecords, at }) {
      db.prepare('INSERT INTO revocations (request_id, deleted_records, revoked_at) VALUES (?, ?, ?)').run(
        requestId,
        deletedRecords,
        at,
      );
    },
    async revocationCount() {
      const row = db.prepare('SELECT count(*) AS n FROM revocations WHERE deleted_records > 0').get() as Row;
      return Number(row.n);
    },
    async describeSchema() {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .all() as Row[];
      const schema: Record<string, string[]> = {};
      for (const { name } of tables) {
        const columns = db.prepare(`PRAGMA table_info(${JSON.stringify(String(name))})`).all() as Row[];
        schema[String(name)] = columns.map((column) => String(column.name));
      }
      return schema;
    },
    async close() {
      db.close();
    },
  };
}
