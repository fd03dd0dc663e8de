// PostgreSQL for merchants at scale: the same tables, migrations and interface as the SQLite
// default (migrations.ts), through `pg` (pure JS). Several service processes can share one database:
// migrations take an advisory lock, and saving is one transaction whose unique keys (proof hash,
// spent nullifier) decide races.
import pg from 'pg';
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

/** Any number: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 60_06;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The pool's 'error' listener covers idle clients only: a server that goes away while this one
  // is checked out emits 'error' on the client, which would crash the process unheard (seen when
  // PostgreSQL restarts under load). The pending query fails on its own; a broken client is
  // destroyed on release instead of going back to the pool.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken ??= rollbackError;
    });
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

async function migrate(pool: pg.Pool): Promise<void> {
  for (const migration of MIGRATIONS) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rowCount) return;
      for (const statement of migration.postgres) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        Math.floor(Date.now() / 1000),
      ]);
    });
  }
}

/**
 * Connects to PostgreSQL, migrates, and returns the light-record store.
 * @example const store = await openPostgresStore({ url: 'postgres://merchant@127.0.0.1:5432/shop' });
 * @since 0.2.0
 */
export async function openPostgresStore(params: { url: string; maxConnections?: number }): Promise<MerchantStore> {
  const pool = new pg.Pool({ connectionString: params.url, max: params.maxConnections ?? 10 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new StoreError(`Cannot open the PostgreSQL store at ${redact(params.url)}.`, { cause });
  }
  const query = async (text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> => {
    try {
      return await pool.query<Row>(text, values);
    } catch (cause) {
      throw new StoreError('The PostgreSQL store failed.', { cause });
    }
  };

  return {
    async saveRequest(signed: SignedRequest) {
      await query('INSERT INTO requests (id, signed, expires_at) VALUES ($1, $2, $3)', [
        signed.request.id,
        JSON.stringify(signed),
        signed.request.expiresAt,
      ]);
    },
    async getRequest(id: string) {
      const { rows } = await query('SELECT signed FROM requests WHERE id = $1', [id]);
      return rows[0] ? (JSON.parse(String(rows[0].signed)) as SignedRequest) : undefined;
    },
    async listOpenRequests({ now }) {
      const { rows } = await query('SELECT signed FROM requests WHERE expires_at > $1 ORDER BY expires_at DESC', [now]);
      return rows.map((row) => JSON.parse(String(row.signed)) as SignedRequest);
    },
    async save(record: NewLightRecord) {
      try {
        return await inTransaction(pool, async (client) => {
          const existing = await client.query<Row>('SELECT * FROM light_records WHERE proof_hash = $1', [
            record.proofHash,
          ]);
          if (existing.rows[0]) return { record: rowToRecord(existing.rows[0]), duplicate: true };
          // Waits for a concurrent transaction holding the same key, then sees its outcome.
          const spent = await client.query(
            'INSERT INTO spent_nullifiers (nullifier_scope, nullifier) VALUES ($1, $2) ON CONFLICT DO NOTHING',
            [record.nullifierScope, record.nullifier],
          );
          if (spent.rowCount === 0) {
            // The same proof sent twice at once: the other transaction committed it first.
            const again = await client.query<Row>('SELECT * FROM light_records WHERE proof_hash = $1', [
              record.proofHash,
            ]);
            if (again.rows[0]) return { record: rowToRecord(again.rows[0]), duplicate: true };
            throw new NullifierReusedError('This answer was already used for this request or campaign.', {
              field: 'nullifier',
              hint: 'Each person can answer a request (or claim a campaign) once.',
            });
          }
          const inserted = await client.query<Row>(
            `INSERT INTO light_records (${LIGHT_RECORD_INSERT_COLUMNS})
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
            recordToInsertValues(record),
          );
          let row = inserted.rows[0] as Row;
          const id = Number(row.id);
          const receipt = consentReceiptAfterInsert(record, id);
          if (receipt !== null) {
            row = (
              await client.query<Row>('UPDATE light_records SET consent_receipt = $1 WHERE id = $2 RETURNING *', [
                receipt,
                id,
              ])
            ).rows[0] as Row;
          }
          if (record.proofBundle) {
            await client.query(
              `INSERT INTO proof_bundles (${PROOF_BUNDLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`,
              proofBundleValues(id, record.proofBundle),
            );
          }
          return { record: rowToRecord(row), duplicate: false };
        });
      } catch (error) {
        if (error instanceof NullifierReusedError) throw error;
        throw new StoreError('Saving the light record failed; nothing was stored.', { cause: error });
      }
    },
    async list(options = {}) {
      const { rows } = await query(
        `SELECT * FROM light_records ${options.includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY id DESC LIMIT $1`,
        [options.limit ?? 1000],
      );
      return rows.map(rowToRecord);
    },
    async getRecord(id) {
      const { rows } = await query('SELECT * FROM light_records WHERE id = $1', [id]);
      return rows[0] ? rowToRecord(rows[0]) : undefined;
    },
    async getProofBundle(recordId) {
      const { rows } = await query(
        'SELECT proof_bundles.*, light_records.request_id FROM proof_bundles JOIN light_records ON light_records.id = proof_bundles.record_id WHERE record_id = $1',
        [recordId],
      );
      return rows[0] ? rowToProofBundle(rows[0]) : undefined;
    },
    async setRewardTx({ id, txHash }) {
      await query('UPDATE light_records SET reward_tx = $1 WHERE id = $2', [txHash, id]);
    },
    async revoke({ pseudonym, requestId, at }) {
      try {
        return await inTransaction(pool, async (client) => {
          const result = await client.query(
            'UPDATE light_records SET revoked_at = $1 WHERE pseudonym = $2 AND request_id = $3 AND revoked_at IS NULL',
            [at, pseudonym, requestId],
          );
          // A revoked answer's proofs are not kept for its retention: they go now, the row at the next purge.
          await client.query(
            'DELETE FROM proof_bundles WHERE record_id IN (SELECT id FROM light_records WHERE pseudonym = $1 AND request_id = $2)',
            [pseudonym, requestId],
          );
          return result.rowCount ?? 0;
        });
      } catch (cause) {
        throw new StoreError('Revoking the records failed.', { cause });
      }
    },
    async deleteRecords({ pseudonym, requestId, proofHash }) {
      const result =
        proofHash === undefined
          ? await query('DELETE FROM light_records WHERE pseudonym = $1 AND request_id = $2', [pseudonym, requestId])
          : await query('DELETE FROM light_records WHERE pseudonym = $1 AND request_id = $2 AND proof_hash = $3', [
              pseudonym,
              requestId,
              proofHash,
            ]);
      return result.rowCount ?? 0;
    },
    async purge({ now }) {
      try {
        return await inTransaction(pool, async (client) => {
          const result = await client.query(
            'DELETE FROM light_records WHERE expires_at <= $1 OR revoked_at IS NOT NULL',
            [now],
          );
          await client.query('DELETE FROM idempotency_keys WHERE created_at <= $1', [now - IDEMPOTENCY_TTL_SECONDS]);
          // The mask board: expired requests and their answers (nothing is answered after expiry).
          await client.query(
            'DELETE FROM mask_answers WHERE request_id IN (SELECT id FROM mask_requests WHERE expires_at <= $1)',
            [now],
          );
          await client.query('DELETE FROM mask_requests WHERE expires_at <= $1', [now]);
          return result.rowCount ?? 0;
        });
      } catch (cause) {
        throw new StoreError('Purging expired records failed.', { cause });
      }
    },
    async findIdempotencyKey(keyHash) {
      const { rows } = await query('SELECT * FROM idempotency_keys WHERE key_hash = $1', [keyHash]);
      const row = rows[0];
      return row ? rowToIdempotencyEntry(row) : undefined;
    },
    async rememberIdempotencyKey(entry) {
      const result = await query(
        `INSERT INTO idempotency_keys (key_hash, fingerprint, status, resource, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [entry.keyHash, entry.fingerprint, entry.status, entry.resource, entry.createdAt],
      );
      return result.rowCount === 1;
    },
    async saveOperatorToken(token) {
      await query(
        `INSERT INTO operator_tokens (${OPERATOR_TOKEN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        operatorTokenValues(token),
      );
    },
    async getOperatorToken(id) {
      const { rows } = await query('SELECT * FROM operator_tokens WHERE id = $1', [id]);
      return rows[0] ? rowToOperatorToken(rows[0]) : undefined;
    },
    async listOperatorTokens() {
      const { rows } = await query('SELECT * FROM operator_tokens ORDER BY created_at, id');
      return rows.map(rowToOperatorToken);
    },
    async revokeOperatorToken({ id, at }) {
      const result = await query('UPDATE operator_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        at,
        id,
      ]);
      return result.rowCount === 1;
    },
    async saveInbox({ url, createdAt }) {
      await query('INSERT INTO connected_inboxes (url, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        url,
        createdAt,
      ]);
    },
    async listInboxes() {
      const { rows } = await query('SELECT url FROM connected_inboxes ORDER BY id');
      return rows.map((row) => String(row.url));
    },
    async deleteInbox(url) {
      return ((await query('DELETE FROM connected_inboxes WHERE url = $1', [url])).rowCount ?? 0) === 1;
    },
    async loadOfferDesk() {
      const definitions = async (table: string) =>
        (await query(`SELECT id, definition FROM ${table} ORDER BY id`)).rows.map((row) => ({
          id: String(row.id),
          definition: String(row.definition),
        }));
      return {
        offers: await definitions('offer_definitions'),
        contexts: await definitions('offer_contexts'),
        evidence: (await query('SELECT * FROM offer_evidence ORDER BY offer_id, context_id')).rows.map((row) => ({
          offerId: String(row.offer_id),
          contextId: String(row.context_id),
          displays: Number(row.displays),
          clicks: Number(row.clicks),
        })),
        optOuts: (await query('SELECT pseudonym, interest FROM offer_opt_outs ORDER BY created_at')).rows.map(
          (row) => ({ pseudonym: String(row.pseudonym), interest: String(row.interest) }),
        ),
      };
    },
    async saveOfferDefinition({ kind, id, definition, at }) {
      const table = kind === 'offer' ? 'offer_definitions' : 'offer_contexts';
      await query(
        `INSERT INTO ${table} (id, definition, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at`,
        [id, definition, at],
      );
    },
    async addOfferEvidence(evidence) {
      try {
        await inTransaction(pool, async (client) => {
          for (const cell of evidence) {
            await client.query(
              `INSERT INTO offer_evidence (offer_id, context_id, displays, clicks) VALUES ($1, $2, $3, $4)
               ON CONFLICT (offer_id, context_id) DO UPDATE SET displays = offer_evidence.displays + excluded.displays,
                 clicks = offer_evidence.clicks + excluded.clicks`,
              [cell.offerId, cell.contextId, cell.displays, cell.clicks],
            );
          }
        });
      } catch (error) {
        throw new StoreError('Saving offer displays and clicks failed; nothing was added.', { cause: error });
      }
    },
    async saveOfferOptOut({ pseudonym, interest, at }) {
      const result = await query(
        'INSERT INTO offer_opt_outs (pseudonym, interest, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [pseudonym, interest, at],
      );
      return (result.rowCount ?? 0) === 1;
    },
    async saveMaskRequest({ id, maskId, signed, expiresAt }) {
      await query(
        'INSERT INTO mask_requests (id, mask_id, signed, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET signed = excluded.signed, expires_at = excluded.expires_at',
        [id, maskId, signed, expiresAt],
      );
    },
    async getMaskRequest(id) {
      const { rows } = await query('SELECT signed FROM mask_requests WHERE id = $1', [id]);
      return rows[0] ? String(rows[0].signed) : undefined;
    },
    async listMaskRequests({ maskId, now }) {
      const { rows } = await query(
        'SELECT signed FROM mask_requests WHERE mask_id = $1 AND expires_at > $2 ORDER BY expires_at, id',
        [maskId, now],
      );
      return rows.map((row) => String(row.signed));
    },
    async saveMaskAnswer({ requestId, nullifier, answer, at }) {
      const result = await query(
        'INSERT INTO mask_answers (request_id, nullifier, answer, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [requestId, nullifier, answer, at],
      );
      return (result.rowCount ?? 0) === 1;
    },
    async listMaskAnswers(requestId) {
      const { rows } = await query(
        'SELECT nullifier, answer FROM mask_answers WHERE request_id = $1 ORDER BY created_at, nullifier',
        [requestId],
      );
      return rows.map((row) => ({ nullifier: String(row.nullifier), answer: String(row.answer) }));
    },
    async saveCampaign(kept) {
      await query(
        `INSERT INTO campaigns (${CAMPAIGN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        campaignValues(kept),
      );
    },
    async listCampaigns() {
      const { rows } = await query('SELECT * FROM campaigns ORDER BY created_at, campaign_id');
      return rows.map(rowToCampaign);
    },
    async closeCampaign({ campaignId, at }) {
      const result = await query('UPDATE campaigns SET closed_at = $1 WHERE campaign_id = $2 AND closed_at IS NULL', [
        at,
        campaignId,
      ]);
      return result.rowCount === 1;
    },
    async countRevocation({ requestId, deletedRecords, at }) {
      await query('INSERT INTO revocations (request_id, deleted_records, revoked_at) VALUES ($1, $2, $3)', [
        requestId,
        deletedRecords,
        at,
      ]);
    },
    async revocationCount() {
      const { rows } = await query('SELECT count(*)::int AS n FROM revocations WHERE deleted_records > 0');
      return Number(rows[0]?.n ?? 0);
    },
    async describeSchema() {
      const { rows } = await query(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
      );
      const schema: Record<string, string[]> = {};
      for (const row of rows) {
        const table = String(row.table_name);
        schema[table] = [...(schema[table] ?? []), String(row.column_name)];
      }
      return schema;
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * The URL without its password, for messages.
 * @since 0.2.0
 */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
