import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract, newProofBundle, newRecord } from '../testing/storeContract.ts';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.ts';
import { openSqliteStore } from './openSqliteStore.ts';

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

/** A SQLite file migrated only up to (not including) `version`: a store an older release made. */
function storeBefore(version: number): { path: string; raw: DatabaseSync } {
  const path = join(dir, `before-v${version}.sqlite`);
  const raw = new DatabaseSync(path);
  raw.exec(MIGRATIONS_TABLE);
  for (const migration of MIGRATIONS.filter((entry) => entry.version < version)) {
    for (const statement of migration.sqlite) raw.exec(statement);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(migration.version, migration.name, 0);
  }
  return { path, raw };
}

describe('SQLite migrations', () => {
  it('upgrades a store made before migration 8: the consent-receipt id filled in, bundles kept from now on', async () => {
    const { path, raw } = storeBefore(8);
    const signed = { request: { id: 'req-9', merchant: { address: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } } };
    raw
      .prepare('INSERT INTO requests (id, signed, expires_at) VALUES (?, ?, ?)')
      .run('req-9', JSON.stringify(signed), 99);
    raw.exec(`INSERT INTO light_records (pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier,
      created_at, expires_at) VALUES ('1', 'req-9', '["age ≥ 18"]', '0x${'ab'.repeat(32)}', '["2"]', '3', 10, 20)`);
    raw.close();

    const store = openSqliteStore({ path });
    try {
      const [old] = await store.list();
      expect(old?.consentReceipt).toBe(`f39fd6e5-req-9-${old?.id}`);
      expect(await store.getProofBundle(old?.id ?? 0)).toBeUndefined();
      const bundle = newProofBundle({ requestId: 'req-9' });
      const { record } = await store.save(newRecord({ requestId: 'req-9', proofBundle: bundle }));
      expect(await store.getProofBundle(record.id)).toEqual(bundle);
      await store.deleteRecords({ pseudonym: record.pseudonym, requestId: 'req-9' });
      expect(await store.getProofBundle(record.id)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('upgrades a store made before migration 3: rows kept, nullifier_scope gone, checks still on', async () => {
    const { path, raw } = storeBefore(3);
    raw.exec(`INSERT INTO light_records (pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier,
      nullifier_scope, created_at, expires_at) VALUES ('1', 'req-1', '["age ≥ 18"]', '0x${'ab'.repeat(32)}', '["2"]', '3', '4', 10, 20)`);
    raw.close();

    const store = openSqliteStore({ path });
    try {
      const [record] = await store.list();
      expect(record).toMatchObject({ id: 1, pseudonym: '1', nullifier: '3', predicates: ['age ≥ 18'] });
      expect(record).not.toHaveProperty('nullifierScope');
      expect((await store.describeSchema()).light_records).not.toContain('nullifier_scope');
      const check = new DatabaseSync(path);
      expect(() =>
        check.exec(`INSERT INTO light_records (pseudonym, request_id, predicates, proof_hash, issuer_key_hashes, nullifier,
          created_at, expires_at) VALUES ('NL', 'req-2', '[]', '0x${'cd'.repeat(32)}', '["2"]', '5', 10, 20)`),
      ).toThrow(/CHECK/);
      check.close();
    } finally {
      await store.close();
    }
  });

  it('upgrades a store made before migration 4: idempotency keys kept, claims accepted, checks still on', async () => {
    const { path, raw } = storeBefore(4);
    const hash = (byte: string) => `0x${byte.repeat(32)}`;
    const claim = `claim:${hash('cd')}:42:5000`;
    const insertKey = (db: DatabaseSync, key: string, resource: string) =>
      db
        .prepare(
          'INSERT INTO idempotency_keys (key_hash, fingerprint, status, resource, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(hash(key), hash('ef'), 201, resource, 10);
    expect(() => insertKey(raw, '01', claim)).toThrow(/CHECK/);
    insertKey(raw, '02', 'record:7');
    raw.close();

    const store = openSqliteStore({ path });
    try {
      expect(await store.findIdempotencyKey(hash('02'))).toMatchObject({ resource: 'record:7', status: 201 });
      expect(
        await store.rememberIdempotencyKey({
          keyHash: hash('03'),
          fingerprint: hash('ef'),
          status: 201,
          resource: claim,
          createdAt: 10,
        }),
      ).toBe(true);
      const check = new DatabaseSync(path);
      expect(() => insertKey(check, '04', 'claim:NL')).toThrow(/CHECK/);
      expect(
        (
          check
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'idempotency_keys'")
            .all() as { name: string }[]
        ).map((row) => row.name),
      ).toContain('idempotency_keys_created');
      check.close();
    } finally {
      await store.close();
    }
  });
});
