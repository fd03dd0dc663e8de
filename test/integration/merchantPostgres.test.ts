// The light-record store against a real PostgreSQL server: a throwaway cluster (initdb in a temp
// folder, 127.0.0.1, a free port), the same contract as the SQLite default.

import { MIGRATIONS, MIGRATIONS_TABLE, openPostgresStore, openStore } from '@decdp/sdk/merchant/node';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '@decdp/sdk/testing/node';
import { describeStoreContract, newProofBundle, newRecord } from '@decdp/sdk/testing/storeContract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = findPostgresBin();
if (!bin) {
  console.warn(
    'SKIPPED merchantPostgres: PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install -y postgresql',
  );
}

describe.skipIf(!bin)('merchant store on PostgreSQL', () => {
  let server: LocalPostgres;
  let admin: pg.Client;
  let count = 0;
  beforeAll(async () => {
    server = await startLocalPostgres();
    admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  // Each case gets its own database.
  async function freshDatabase(): Promise<string> {
    const name = `store_${count++}`;
    await admin.query(`CREATE DATABASE ${name}`);
    return server.url.replace(/\/postgres$/, `/${name}`);
  }

  describeStoreContract('PostgreSQL', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore({ url });
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    return {
      store: {
        ...store,
        async close() {
          await raw.end();
          await store.close();
        },
      },
      async rawInsert(table, row) {
        const columns = Object.keys(row);
        await raw.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`,
          Object.values(row),
        );
      },
      async dump() {
        const tables = await raw.query(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        );
        const cells: string[] = [];
        for (const { table_name } of tables.rows) {
          const rows = await raw.query(`SELECT * FROM "${table_name}"`);
          for (const row of rows.rows) cells.push(...Object.values(row).map(String));
        }
        return cells;
      },
    };
  });

  it('migrates once when two processes open the same database at the same time', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all([openStore({ db: url }), openStore({ db: url }), openStore({ db: url })]);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const versions = await check.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    await check.end();
    // Two stores racing the same proof through separate connection pools: still one record.
    const record = newRecord();
    const results = await Promise.all(stores.flatMap((store) => [store.save(record), store.save(record)]));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    for (const store of stores) await store.close();
  });

  it('upgrades a store made before migration 4: idempotency keys kept, claim resources accepted, still checked', async () => {
    const url = await freshDatabase();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    const hash = (byte: string) => `0x${byte.repeat(32)}`;
    const insertKey = (key: string, resource: string) =>
      raw.query(
        'INSERT INTO idempotency_keys (key_hash, fingerprint, status, resource, created_at) VALUES ($1, $2, 201, $3, 10)',
        [hash(key), hash('ef'), resource],
      );
    const claim = `claim:${hash('cd')}:42:5000`;
    try {
      await raw.query(MIGRATIONS_TABLE);
      for (const migration of MIGRATIONS.filter((entry) => entry.version < 4)) {
        for (const statement of migration.postgres) await raw.query(statement);
        await raw.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [migration.version, migration.name]);
      }
      await expect(insertKey('01', claim)).rejects.toThrow(/check constraint/);
      await insertKey('02', 'record:7');
      const store = await openPostgresStore({ url });
      try {
        expect(await store.findIdempotencyKey(hash('02'))).toMatchObject({ resource: 'record:7' });
        await insertKey('03', claim);
        await expect(insertKey('04', 'claim:NL')).rejects.toThrow(/check constraint/);
        await expect(insertKey('05', 'NL')).rejects.toThrow(/check constraint/);
        const checks = await raw.query(
          "SELECT conname FROM pg_constraint WHERE conrelid = 'idempotency_keys'::regclass AND contype = 'c'",
        );
        // The old resource check was replaced, not left beside the new one.
        expect(checks.rows.map((row) => row.conname).sort()).toEqual([
          'idempotency_keys_fingerprint_check',
          'idempotency_keys_key_hash_check',
          'idempotency_keys_resource_check',
        ]);
      } finally {
        await store.close();
      }
    } finally {
      await raw.end();
    }
  });

  it('upgrades a store made before migration 8: the consent-receipt id filled in, bundles kept and dropped with records', async () => {
    const url = await freshDatabase();
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      await raw.query(MIGRATIONS_TABLE);
      for (const migration of MIGRATIONS.filter((entry) => entry.version < 8)) {
        for (const statement of migration.postgres) await raw.query(statement);
        await raw.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [migration.version, migration.name]);
      }
      const signed = { request: { id: 'req-9', merchant: { address: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } } };
      await raw.query("INSERT INTO requests (id, signed, expires_at) VALUES ('req-9', $1, 99)", [
        JSON.stringify(signed),
      ]);
      await raw.query(`INSERT INTO light_records (pseudonym, request_id, predicates, proof_hash, issuer_key_hashes,
        nullifier, created_at, expires_at) VALUES ('1', 'req-9', '["age ≥ 18"]', '0x${'ab'.repeat(32)}', '["2"]', '3', 10, 20)`);
      const store = await openPostgresStore({ url });
      try {
        const [old] = await store.list();
        expect(old?.consentReceipt).toBe(`f39fd6e5-req-9-${old?.id}`);
        const bundle = newProofBundle({ requestId: 'req-9' });
        const { record } = await store.save(newRecord({ requestId: 'req-9', proofBundle: bundle }));
        expect(await store.getProofBundle(record.id)).toEqual(bundle);
        await store.deleteRecords({ pseudonym: record.pseudonym, requestId: 'req-9' });
        expect(await store.getProofBundle(record.id)).toBeUndefined();
        expect((await raw.query('SELECT count(*)::int AS n FROM proof_bundles')).rows[0].n).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await raw.end();
    }
  });

  it('runs the cluster as an unprivileged user when the tests run as root (CI)', async () => {
    const { uid } = await import('node:fs').then((fs) => fs.statSync(server.dataDir));
    if (process.getuid?.() === 0) expect(uid).not.toBe(0);
    const owner = await admin.query('SELECT current_user');
    expect(owner.rows[0]?.current_user).toBe('decdp');
  });

  it('reports an unreachable server as STORE_ERROR without the password', async () => {
    const error = await openPostgresStore({ url: 'postgres://decdp:secret@127.0.0.1:1/none' }).catch((e) => e);
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).not.toContain('secret');
  });
});
