// The embedded default store: Node's built-in SQLite (no native addon to build), WAL journal.
import { DatabaseSync } from 'node:sqlite';
import { NullifierReusedError, StoreError } from '../../errors/index.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { LightRecord, MerchantStore, NewLightRecord } from './merchantStore.ts';

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS requests (
     id TEXT PRIMARY KEY,
     signed TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS light_records (
     id INTEGER PRIMARY KEY,
     pseudonym TEXT NOT NULL,
     request_id TEXT NOT NULL,
     predicates TEXT NOT NULL,
     proof_hash TEXT NOT NULL UNIQUE,
     issuer_key_hashes TEXT NOT NULL,
     nullifier TEXT NOT NULL,
     nullifier_scope TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     consent_receipt TEXT,
     reward_tx TEXT,
     revoked_at INTEGER
   )`,
  // Spent nullifiers outlive their records: purging a record must not let the answer be replayed.
  `CREATE TABLE IF NOT EXISTS spent_nullifiers (
     nullifier_scope TEXT NOT NULL,
     nullifier TEXT NOT NULL,
     PRIMARY KEY (nullifier_scope, nullifier)
   )`,
  'CREATE INDEX IF NOT EXISTS light_records_pseudonym ON light_records (pseudonym, request_id)',
  'CREATE INDEX IF NOT EXISTS light_records_expires ON light_records (expires_at)',
];

type Row = Record<string, string | number | null>;

function toRecord(row: Row): LightRecord {
  return {
    id: Number(row.id),
    pseudonym: String(row.pseudonym),
    requestId: String(row.request_id),
    predicates: JSON.parse(String(row.predicates)) as string[],
    proofHash: String(row.proof_hash),
    issuerKeyHashes: JSON.parse(String(row.issuer_key_hashes)) as string[],
    nullifier: String(row.nullifier),
    nullifierScope: String(row.nullifier_scope),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    consentReceipt: row.consent_receipt === null ? null : String(row.consent_receipt),
    rewardTx: row.reward_tx === null ? null : String(row.reward_tx),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/**
 * Opens (and migrates) a SQLite light-record store; `path` ':memory:' for tests.
 * @example const store = openSqliteStore({ path: 'data/merchant.sqlite' });
 */
export function openSqliteStore(params: { path: string }): MerchantStore {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(params.path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    for (const migration of MIGRATIONS) db.exec(migration);
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite store at ${params.path}.`, { cause });
  }
  const insert = db.prepare(
    `INSERT INTO light_records (pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier,
       nullifier_scope, created_at, expires_at, consent_receipt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  );
  const spend = db.prepare(
    'INSERT INTO spent_nullifiers (nullifier_scope, nullifier) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const byProofHash = db.prepare('SELECT * FROM light_records WHERE proof_hash = ?');

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
          return { record: toRecord(existing), duplicate: true };
        }
        if (Number(spend.run(record.nullifierScope, record.nullifier).changes) === 0) {
          throw new NullifierReusedError('This answer was already used for this request or campaign.', {
            field: 'nullifier',
            hint: 'Each person can answer a request (or claim a campaign) once.',
          });
        }
        const row = insert.get(
          record.pseudonym,
          record.requestId,
          JSON.stringify(record.predicates),
          record.proofHash,
          JSON.stringify(record.issuerKeyHashes),
          record.nullifier,
          record.nullifierScope,
          record.createdAt,
          record.expiresAt,
          record.consentReceipt,
        ) as Row;
        db.exec('COMMIT');
        return { record: toRecord(row), duplicate: false };
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
      return rows.map(toRecord);
    },
    async setRewardTx({ id, txHash }) {
      db.prepare('UPDATE light_records SET reward_tx = ? WHERE id = ?').run(txHash, id);
    },
    async revoke({ pseudonym, requestId, at }) {
      const result = db
        .prepare(
          'UPDATE light_records SET revoked_at = ? WHERE pseudonym = ? AND request_id = ? AND revoked_at IS NULL',
        )
        .run(at, pseudonym, requestId);
      return Number(result.changes);
    },
    async purge({ now }) {
      const result = db.prepare('DELETE FROM light_records WHERE expires_at <= ? OR revoked_at IS NOT NULL').run(now);
      return Number(result.changes);
    },
    async close() {
      db.close();
    },
  };
}
