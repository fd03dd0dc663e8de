// What the one store implementation (sqlStore.ts) needs of a database: statements with
// parameters, a transaction, and the schema as the database reports it. Two drivers speak it:
// sqliteDriver.ts (node:sqlite) and postgresDriver.ts (pg). The store's SQL is written once, in
// the dialect both accept, with PostgreSQL's `$1` placeholders; each driver turns what differs
// (placeholders, integer types, transactions, errors) into the same behaviour, tested in sqlDriver.test.ts.

/** A parameter: texts and integers only (JSON is kept as text, times as unix seconds, no booleans). */
export type SqlValue = string | number | null;

/**
 * A row as the store reads it. Integers (INTEGER, BIGINT, count(*)) are numbers in both drivers;
 * one beyond 2^53 comes back as a bigint rather than a rounded number.
 */
export type SqlRow = Record<string, string | number | bigint | null>;

/** Statements on one connection; `$1`, `$2`… name the parameters in order (a name may repeat). */
export interface SqlStatements {
  /** The rows a statement returns (a SELECT, or a write with RETURNING). */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a write; how many rows it inserted, changed or deleted. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlStatements {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (its
   * error is thrown as it was). Nothing else the driver runs interleaves with it.
   */
  transaction<T>(work: (statements: SqlStatements) => Promise<T>): Promise<T>;
  /** Tables and their columns, in column order. */
  describeSchema(): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

/** The placeholders `$1`, `$2`… spelled as SQLite's numbered `?1`, `?2`… (same order, repeats kept). */
export function sqlitePlaceholders(sql: string): string {
  return sql.replace(/\$(\d+)/g, '?$1');
}
