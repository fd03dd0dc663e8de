// PostgreSQL for merchants at scale, through `pg` (pure JS). Several service processes can share
// one database: migrations take an advisory lock, and the store's transactions let unique keys
// (proof hash, spent nullifier) decide races.
import pg from 'pg';
import { StoreError } from '../errors/index.ts';
import { APPLIED_MIGRATION, MIGRATIONS, MIGRATIONS_TABLE, RECORD_MIGRATION } from './migrations.ts';
import type { SqlDriver, SqlRow, SqlStatements, SqlValue } from './sqlDriver.ts';

/** Any number: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 60_06;
const INT8_OID = 20;

/** BIGINT and count(*) as numbers, as SQLite gives them (pg's default is text); past 2^53 a bigint. */
function parseInt8(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const statementsOf = (client: pg.Pool | pg.PoolClient): SqlStatements => ({
  query: async (sql, params) => (await client.query<SqlRow>(sql, params as SqlValue[])).rows,
  run: async (sql, params) => (await client.query(sql, params as SqlValue[])).rowCount ?? 0,
});

async function inTransaction<T>(pool: pg.Pool, work: (statements: SqlStatements) => Promise<T>): Promise<T> {
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
    const result = await work(statementsOf(client));
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
    await inTransaction(pool, async ({ query, run }) => {
      await query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await run(MIGRATIONS_TABLE);
      if ((await query(APPLIED_MIGRATION, [migration.version])).length > 0) return;
      for (const statement of migration.postgres) await run(statement);
      await run(RECORD_MIGRATION, [migration.version, migration.name, Math.floor(Date.now() / 1000)]);
    });
  }
}

/**
 * Connects to PostgreSQL and migrates, as a store driver. Throws StoreError (the URL without its
 * password) when the server cannot be reached or the database migrated.
 */
export async function openPostgresDriver(params: { url: string; maxConnections?: number }): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: params.url, max: params.maxConnections ?? 10, types });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new StoreError(`Cannot open the PostgreSQL store at ${redact(params.url)}.`, { cause });
  }
  const direct = statementsOf(pool);
  const failed = (cause: unknown) => {
    throw new StoreError('The PostgreSQL store failed.', { cause });
  };
  return {
    query: (sql, params) => direct.query(sql, params).catch(failed),
    run: (sql, params) => direct.run(sql, params).catch(failed),
    transaction: (work) => inTransaction(pool, work),
    async describeSchema() {
      const rows = await direct.query(
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
