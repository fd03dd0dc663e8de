// Where the issuer service keeps its open possession challenges and issuance sessions, and its own
// two secrets (the challenge key, the renewal-grant key): node:sqlite, so a flow that is half done
// when the issuer restarts goes on where it was (a file path), or one process's memory (':memory:').
// A session ends once (accepted or timed out): ending is one UPDATE that only an open session
// passes, so two accepts — two requests, or two processes on one file — never both issue. An ended
// session keeps only its id and when it ended (a day), so a replay hears SESSION_EXPIRED; what the
// source said (login, preview) is deleted with it.
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { IssuancePreview } from '../../protocol/issuance.ts';
import type { SourceSession } from '../adapters/adapter.ts';

export type StoredPossession = {
  id: string;
  subjectCommitment: bigint;
  nonce: bigint;
  expiresAt: number;
  proven: boolean;
  /** The one session that uses it, once one does. */
  sessionId: string | undefined;
};

export type StoredSession = {
  id: string;
  sourceId: string;
  possessionId: string;
  subjectCommitment: bigint;
  expiresAt: number;
  returnUrl: string | undefined;
  sourceSession: SourceSession;
  /** What the adapter's authenticate returned (JSON), once the person signed in at the source. */
  login: { value: unknown } | undefined;
  /** Read from the source once; accept signs exactly this. */
  preview: IssuancePreview | undefined;
};

export type Lookup<T> = { found: T } | { ended: true } | undefined;

export type IssuerSessionStore = {
  /** A 32-byte hex secret by name, made once and kept (the challenge key, the grant key). */
  secret(name: string): string;
  addPossession(possession: Omit<StoredPossession, 'proven' | 'sessionId'>): void;
  possession(id: string, now: number): Lookup<StoredPossession>;
  markProven(id: string): void;
  /** Adds the session and binds its possession to it; false when another session already took the possession. */
  addSession(session: StoredSession): boolean;
  session(id: string, now: number): Lookup<StoredSession>;
  updateSession(session: StoredSession): void;
  /** Ends an open session; false when it had ended already (it was accepted, or timed out). */
  endSession(id: string, now: number): boolean;
  close(): void;
};

const TOMBSTONE_SECONDS = 86_400;

/** @since 0.2.0 */
export function openIssuerSessionStore(params: { path: string }): IssuerSessionStore {
  const db = new DatabaseSync(params.path);
  db.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE IF NOT EXISTS issuer_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS possessions (
      id TEXT PRIMARY KEY, subject_commitment TEXT NOT NULL, nonce TEXT NOT NULL, expires_at INTEGER NOT NULL,
      proven INTEGER NOT NULL DEFAULT 0, session_id TEXT);
    CREATE TABLE IF NOT EXISTS sessions (
      id TEXT PRIMARY KEY, source_id TEXT NOT NULL, possession_id TEXT NOT NULL, subject_commitment TEXT NOT NULL,
      expires_at INTEGER NOT NULL, return_url TEXT, source_session TEXT NOT NULL, login TEXT, preview TEXT,
      ended_at INTEGER)`);

  /** Times out what expired; forgets tombstones after a day. */
  function sweep(now: number): void {
    db.prepare(
      `UPDATE sessions SET ended_at = ?, source_session = '{}', login = NULL, preview = NULL
       WHERE ended_at IS NULL AND expires_at <= ?`,
    ).run(now, now);
    db.prepare('DELETE FROM sessions WHERE ended_at IS NOT NULL AND ended_at < ?').run(now - TOMBSTONE_SECONDS);
    db.prepare('DELETE FROM possessions WHERE expires_at < ?').run(now - TOMBSTONE_SECONDS);
  }

  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

  return {
    secret(name) {
      const row = db.prepare('SELECT value FROM issuer_secrets WHERE name = ?').get(name) as
        | { value: string }
        | undefined;
      if (row) return row.value;
      db.prepare('INSERT OR IGNORE INTO issuer_secrets (name, value) VALUES (?, ?)').run(
        name,
        `0x${randomBytes(32).toString('hex')}`,
      );
      return (db.prepare('SELECT value FROM issuer_secrets WHERE name = ?').get(name) as { value: string }).value;
    },
    addPossession(possession) {
      db.prepare('INSERT INTO possessions (id, subject_commitment, nonce, expires_at) VALUES (?, ?, ?, ?)').run(
        possession.id,
        possession.subjectCommitment.toString(),
        possession.nonce.toString(),
        possession.expiresAt,
      );
    },
    possession(id, now) {
      sweep(now);
      const row = db.prepare('SELECT * FROM possessions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      if (!row) return undefined;
      if (Number(row.expires_at) <= now) return { ended: true };
      return {
        found: {
          id,
          subjectCommitment: BigInt(row.subject_commitment as string),
          nonce: BigInt(row.nonce as string),
          expiresAt: Number(row.expires_at),
          proven: Number(row.proven) === 1,
          sessionId: (row.session_id as string | null) ?? undefined,
        },
      };
    },
    markProven(id) {
      db.prepare('UPDATE possessions SET proven = 1 WHERE id = ?').run(id);
    },
    addSession(session) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const bound = db
          .prepare('UPDATE possessions SET session_id = ? WHERE id = ? AND session_id IS NULL')
          .run(session.id, session.possessionId);
        if (Number(bound.changes) !== 1) {
          db.exec('ROLLBACK');
          return false;
        }
        db.prepare(
          `INSERT INTO sessions (id, source_id, possession_id, subject_commitment, expires_at, return_url,
           source_session, login, preview) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          session.id,
          session.sourceId,
          session.possessionId,
          session.subjectCommitment.toString(),
          session.expiresAt,
          session.returnUrl ?? null,
          JSON.stringify(session.sourceSession),
          json(session.login),
          json(session.preview),
        );
        db.exec('COMMIT');
        return true;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    session(id, now) {
      sweep(now);
      const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      if (!row) return undefined;
      if (row.ended_at !== null) return { ended: true };
      return {
        found: {
          id,
          sourceId: String(row.source_id),
          possessionId: String(row.possession_id),
          subjectCommitment: BigInt(row.subject_commitment as string),
          expiresAt: Number(row.expires_at),
          returnUrl: (row.return_url as string | null) ?? undefined,
          sourceSession: JSON.parse(row.source_session as string) as SourceSession,
          login: row.login === null ? undefined : (JSON.parse(row.login as string) as { value: unknown }),
          preview: row.preview === null ? undefined : (JSON.parse(row.preview as string) as IssuancePreview),
        },
      };
    },
    updateSession(session) {
      db.prepare(
        'UPDATE sessions SET source_session = ?, login = ?, preview = ? WHERE id = ? AND ended_at IS NULL',
      ).run(JSON.stringify(session.sourceSession), json(session.login), json(session.preview), session.id);
    },
    endSession(id, now) {
      const ended = db
        .prepare(
          `UPDATE sessions SET ended_at = ?, source_session = '{}', login = NULL, preview = NULL
           WHERE id = ? AND ended_at IS NULL`,
        )
        .run(now, id);
      return Number(ended.changes) === 1;
    },
    close: () => db.close(),
  };
}
