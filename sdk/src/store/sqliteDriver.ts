// The embedded default: Node's built-in SQLite (no native addon to build), WAL journal. One
// connection, synchronous calls: a transaction holds the connection while its work awaits, so the
// driver queues whatever else arrives meanwhile behind it (without that, another call's statement
// would run inside the open transaction).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StoreError } from '../errors/index.ts';
import { APPLIED_MIGRATION, MIGRATIONS, MIGRATIONS_TABLE, RECORD_MIGRATION } from './migrations.ts';
import { type SqlDriver, type SqlRow, type SqlStatements, type SqlValue, sqlitePlaceholders } from './sqlDriver.ts';

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integers are read as bigints (a number would throw past 2^53) and made numbers where they fit, as pg's are. */
function safeNumbers(row: SqlRow): SqlRow {
  for (const column in row) {
    const value = row[column];
    if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE) row[column] = Number(value);
  }
  return row;
}
/** Applies the migrations not yet recorded, each in its own transaction (synchronously, at open). */
function migrate(db: DatabaseSync): void {
  db.exec(MIGRATIONS_TABLE);
  for (const migration of MIGRATIONS) {
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!db.prepare(sqlitePlaceholders(APPLIED_MIGRATION)).get(migration.version)) {
        for (const statement of migration.sqlite) db.exec(statement);
        db.prepare(sqlitePlaceholders(RECORD_MIGRATION)).run(
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
 * Opens (and migrates) a SQLite database as a store driver; `path` ':memory:' for a throwaway one.
 * Throws StoreError when the file cannot be opened or migrated.
 */
export function openSqliteDriver(params: { path: string }): SqlDriver {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(params.path);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    migrate(db);
  } catch (cause) {
    throw new StoreError(`Cannot open the SQLite store at ${params.path}.`, { cause });
  }
  const prepared = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sqlitePlaceholders(sql));
      statement.setReadBigInts(true);
      prepared.set(sql, statement);
    }
    return statement;
  };
  // Synchronous statements, errors as they come (a transaction's caller decides what they mean).
  const direct = {
    query: (sql: string, params: readonly SqlValue[] = []) =>
      (prepare(sql).all(...params) as SqlRow[]).map(safeNumbers),
    run: (sql: string, params: readonly SqlValue[] = []) => Number(prepare(sql).run(...params).changes),
  };
  const inTransaction: SqlStatements = {
    query: async (sql, params) => direct.query(sql, params),
    run: async (sql, params) => direct.run(sql, params),
  };

  // Transactions run one after another; while one is open or waiting, other calls wait behind it.
  let queue: Promise<unknown> = Promise.resolve();
  let open = 0;
  const afterTransactions = <T>(work: () => T | Promise<T>): Promise<T> => {
    const result: Promise<T> = queue.then(work);
    queue = result.catch(() => {});
    return result;
  };
  const outside = <T>(work: () => T): Promise<T> => {
    const attempt = () => {
      try {
        return work();
      } catch (cause) {
        throw new StoreError('The SQLite store failed.', { cause });
      }
    };
    if (open > 0) return afterTransactions(attempt);
    try {
      return Promise.resolve(attempt());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return {
    query: (sql, params) => outside(() => direct.query(sql, params)),
    run: (sql, params) => outside(() => direct.run(sql, params)),
    transaction(work) {
      open++;
      return afterTransactions(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(inTransaction);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // A failed COMMIT or a constraint SQLite aborts on may have ended the transaction already.
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }).finally(() => {
        open--;
      });
    },
    async describeSchema() {
      const tables = direct.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      );
      const schema: Record<string, string[]> = {};
      for (const { name } of tables) {
        const columns = direct.query(`PRAGMA table_info(${JSON.stringify(String(name))})`);
        schema[String(name)] = columns.map((column) => String(column.name));
      }
      return schema;
    },
    async close() {
      db.close();
    },
  };
}
