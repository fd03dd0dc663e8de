// The two drivers behave as one (sqlDriver.ts): the same SQL, placeholders, numbers, change
// counts, transactions and errors, on node:sqlite and on a real PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecdpError, StoreError } from '../errors/index.ts';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '../testing/startLocalPostgres.ts';
import { openPostgresDriver } from './postgresDriver.ts';
import { type SqlDriver, sqlitePlaceholders } from './sqlDriver.ts';
import { openSqliteDriver } from './sqliteDriver.ts';

const PROBE = 'CREATE TABLE probe (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, small INTEGER, note TEXT)';

function describeDriver(name: string, open: () => Promise<SqlDriver>) {
  describe(`${name} driver`, () => {
    it('binds $1…$n in order, a repeated one twice, and reads integers back as numbers', async () => {
      const driver = await open();
      await driver.run(PROBE);
      expect(await driver.run('INSERT INTO probe (id, name, small, note) VALUES ($1, $2, $3, $2)', [7, 'a', 3])).toBe(
        1,
      );
      await driver.run('INSERT INTO probe (id, name, small, note) VALUES ($1, $2, $3, $4)', [
        1_800_000_000,
        'b',
        null,
        null,
      ]);
      expect(await driver.query('SELECT * FROM probe ORDER BY id')).toEqual([
        { id: 7, name: 'a', small: 3, note: 'a' },
        { id: 1_800_000_000, name: 'b', small: null, note: null },
      ]);
      expect(await driver.query('SELECT count(*) AS n, max(id) AS latest FROM probe')).toEqual([
        { n: 2, latest: 1_800_000_000 },
      ]);
      // Past 2^53 a number would be rounded: both give the exact bigint.
      await driver.run('INSERT INTO probe (id, name) VALUES (9007199254740993, $1)', ['big']);
      expect(await driver.query('SELECT id FROM probe WHERE name = $1', ['big'])).toEqual([{ id: 9007199254740993n }]);
      await driver.close();
    });

    it('counts the rows a write changed, none when a conflict does nothing, and returns rows of RETURNING', async () => {
      const driver = await open();
      await driver.run(PROBE);
      await driver.run("INSERT INTO probe (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      expect(await driver.run("INSERT INTO probe (id, name) VALUES (4, 'a') ON CONFLICT DO NOTHING")).toBe(0);
      expect(await driver.run('UPDATE probe SET small = $1 WHERE id >= $2', [5, 2])).toBe(2);
      expect(await driver.query('DELETE FROM probe WHERE id = $1 RETURNING id, small', [3])).toEqual([
        { id: 3, small: 5 },
      ]);
      expect(await driver.run('DELETE FROM probe WHERE id > $1', [0])).toBe(2);
      await driver.close();
    });

    it('commits a transaction, and rolls one back with its own error while other calls keep theirs', async () => {
      const driver = await open();
      await driver.run(PROBE);
      expect(
        await driver.transaction(async (tx) => {
          await tx.run("INSERT INTO probe (id, name) VALUES (1, 'kept')");
          return (await tx.query('SELECT name FROM probe')).length;
        }),
      ).toBe(1);
      const refused = new Error('refused');
      let began = () => {};
      const inside = new Promise<void>((resolve) => {
        began = resolve;
      });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const failing = driver.transaction(async (tx) => {
        await tx.run("INSERT INTO probe (id, name) VALUES (2, 'rolled back')");
        began();
        await held;
        throw refused;
      });
      await inside;
      // A write from outside while the transaction is open is not part of it (SQLite: it waits).
      const outside = driver.run("INSERT INTO probe (id, name) VALUES (3, 'outside')");
      release();
      await expect(failing).rejects.toBe(refused);
      await outside;
      expect((await driver.query('SELECT name FROM probe ORDER BY id')).map((row) => row.name)).toEqual([
        'kept',
        'outside',
      ]);
      await driver.close();
    });

    it('reports a failed statement as STORE_ERROR with the database error as its cause', async () => {
      const driver = await open();
      await driver.run(PROBE);
      await driver.run("INSERT INTO probe (id, name) VALUES (1, 'a')");
      const error = await driver.run("INSERT INTO probe (id, name) VALUES (2, 'a')").catch((caught) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as DecdpError).code).toBe('STORE_ERROR');
      expect(String((error as Error).cause)).toMatch(/unique/i);
      await expect(driver.query('SELECT nothing FROM probe')).rejects.toBeInstanceOf(StoreError);
      await driver.close();
    });

    it('describes the tables it migrated and the ones added since, columns in order', async () => {
      const driver = await open();
      await driver.run(PROBE);
      const schema = await driver.describeSchema();
      expect(schema.probe).toEqual(['id', 'name', 'small', 'note']);
      expect(schema.schema_migrations).toEqual(['version', 'name', 'applied_at']);
      await driver.close();
    });
  });
}

it('spells $n as SQLite’s ?n', () => {
  expect(sqlitePlaceholders('SELECT $1, $12, $1 WHERE a = $2')).toBe('SELECT ?1, ?12, ?1 WHERE a = ?2');
});

describeDriver('SQLite', async () => openSqliteDriver({ path: ':memory:' }));

const bin = findPostgresBin();
describe.skipIf(!bin)('on PostgreSQL', () => {
  let server: LocalPostgres;
  let count = 0;
  beforeAll(async () => {
    server = await startLocalPostgres({ bin });
  });
  afterAll(async () => {
    await server?.stop();
  });
  describeDriver('PostgreSQL', async () => {
    const admin = await openPostgresDriver({ url: server.url, maxConnections: 1 });
    const name = `driver_${count++}`;
    await admin.run(`CREATE DATABASE ${name}`);
    await admin.close();
    return openPostgresDriver({ url: server.url.replace(/\/postgres$/, `/${name}`) });
  });
});
