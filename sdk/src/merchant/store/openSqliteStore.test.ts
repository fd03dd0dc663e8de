import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll } from 'vitest';
import { openSqliteStore } from './openSqliteStore.ts';
import { describeStoreContract } from './testing/storeContract.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-sqlite-'));
let count = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite', async () => {
  const path = join(dir, `store-${count++}.sqlite`);
  const store = openSqliteStore({ path });
  const raw = new DatabaseSync(path);
  return {
    store: {
      ...store,
      async close() {
        raw.close();
        await store.close();
      },
    },
    async rawInsert(table, row) {
      const columns = Object.keys(row);
      raw
        .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
        .run(...(Object.values(row) as (string | number)[]));
    },
    async dump() {
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      return tables.flatMap(({ name }) =>
        raw
          .prepare(`SELECT * FROM "${String(name)}"`)
          .all()
          .flatMap((row) => Object.values(row).map(String)),
      );
    },
  };
});
