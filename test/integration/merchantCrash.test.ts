// kill -9 of the merchant service in the middle of a load run: every answer the service
// acknowledged (200/201) is in the store after a restart, no record exists without its spent
// nullifier or the reverse (no half record), and every answer that was not acknowledged can be
// sent again and is recorded (none is lost behind a spent nullifier). SQLite and PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createRequest } from '@decdp/sdk/merchant';
import { openStore } from '@decdp/sdk/merchant/node';
import type { ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { proofBundleHash } from '@decdp/sdk/protocol';
import { demoMerchantCli, makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { findPostgresBin, type LocalPostgres, startLocalPostgres, startMerchantProcess } from '@decdp/sdk/testing/node';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ANSWERS = 24;
const dir = mkdtempSync(join(tmpdir(), 'decdp-crash-'));
const answers: { signed: SignedRequest; bundle: ProofBundle; proofHash: string }[] = [];
let postgres: LocalPostgres | undefined;

beforeAll(async () => {
  const artifacts = await loadNodeArtifacts();
  const holder = await makeHolder();
  for (let index = 0; index < ANSWERS; index++) {
    const signed = await createRequest({
      signer: merchantSigner(),
      merchant: { name: 'Crash Shop', requestEndpoint: 'http://localhost:1/requests' },
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'crash', text: 'reliability test' },
      retentionDays: 30,
    });
    const bundle = await proveRequest({
      signedRequest: signed,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      artifacts,
    });
    answers.push({ signed, bundle, proofHash: proofBundleHash(bundle) });
  }
  await releaseProverThreads();
  if (findPostgresBin()) postgres = await startLocalPostgres();
}, 300_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function rows(db: string): Promise<{ records: string[]; spent: string[] }> {
  if (db.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    const records = await client.query('SELECT proof_hash, nullifier FROM light_records');
    const spent = await client.query('SELECT nullifier FROM spent_nullifiers');
    await client.end();
    return {
      records: records.rows.map((row) => `${row.proof_hash} ${row.nullifier}`),
      spent: spent.rows.map((row) => String(row.nullifier)),
    };
  }
  const raw = new DatabaseSync(db);
  const records = raw.prepare('SELECT proof_hash, nullifier FROM light_records').all();
  const spent = raw.prepare('SELECT nullifier FROM spent_nullifiers').all();
  raw.close();
  return {
    records: records.map((row) => `${row.proof_hash} ${row.nullifier}`),
    spent: spent.map((row) => String(row.nullifier)),
  };
}

function expectNoHalfRecord(state: { records: string[]; spent: string[] }) {
  const recordNullifiers = state.records.map((entry) => entry.split(' ')[1]).sort();
  expect(recordNullifiers).toEqual([...state.spent].sort());
}

describe('merchant service killed with -9 under load', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`loses no acknowledged record and leaves no half record (${kind})`, async () => {
      if (kind === 'postgres' && !postgres) {
        console.warn('merchantCrash: PostgreSQL binaries not found; skipped');
        return;
      }
      const db = kind === 'sqlite' ? join(dir, 'crash.sqlite') : (postgres as LocalPostgres).url;
      const setup = await openStore({ db });
      for (const { signed } of answers) await setup.saveRequest(signed);
      await setup.close();
      const demo = await demoMerchantCli();
      const args = [...demo.args, '--port', '0', '--db', db, '--rate-limit', '0', '--threads', '1'];
      const acknowledged = new Set<string>();
      let kills = 0;

      for (let round = 0; round < 3; round++) {
        const service = await startMerchantProcess({ args, env: demo.env });
        const pending = answers.filter((answer) => !acknowledged.has(answer.proofHash));
        // Kill after a few more acknowledgements, at a random instant while requests are in flight.
        const killAfter = acknowledged.size + 3 + Math.floor(Math.random() * 4);
        let killed = false;
        const kill = () => {
          if (killed) return;
          killed = true;
          kills += 1;
          setTimeout(() => void service.kill(), Math.floor(Math.random() * 8));
        };
        // Six clients; acknowledged answers are re-sent too (duplicates are part of real traffic).
        const queue = [...pending, ...answers.slice(0, 6)];
        await Promise.all(
          Array.from({ length: 6 }, async () => {
            while (queue.length > 0 && !killed) {
              const answer = queue.shift() as (typeof answers)[number];
              try {
                const response = await fetch(`${service.url}requests/${answer.signed.request.id}/answers`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(answer.bundle),
                });
                const body = (await response.json()) as { record?: { proofHash: string } };
                if (response.status === 201 || response.status === 200) {
                  expect(body.record?.proofHash).toBe(answer.proofHash);
                  acknowledged.add(answer.proofHash);
                } else {
                  throw new Error(`unexpected ${response.status} ${JSON.stringify(body)}`);
                }
                if (acknowledged.size >= killAfter) kill();
              } catch (error) {
                if (!killed) throw error; // connection reset by the kill: not acknowledged
              }
            }
          }),
        );
        if (!killed) kill();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await service.kill();
        const state = await rows(db);
        for (const proofHash of acknowledged) {
          expect(
            state.records.some((entry) => entry.startsWith(proofHash)),
            `acknowledged ${proofHash}`,
          ).toBe(true);
        }
        expectNoHalfRecord(state);
      }
      expect(kills).toBe(3);

      // After the crashes every answer can be delivered: recorded now (201) or already (200), never 409.
      const service = await startMerchantProcess({ args, env: demo.env });
      try {
        for (const answer of answers) {
          const response = await fetch(`${service.url}requests/${answer.signed.request.id}/answers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(answer.bundle),
          });
          expect([200, 201]).toContain(response.status);
        }
      } finally {
        await service.stop();
      }
      const final = await rows(db);
      expect(final.records).toHaveLength(ANSWERS);
      expectNoHalfRecord(final);
    });
  }
});

describe('PostgreSQL restarted under load', () => {
  it('answers 503 STORE_ERROR while it is down, recovers without a restart of the service, loses nothing', async () => {
    if (!postgres) {
      console.warn('merchantCrash: PostgreSQL binaries not found; skipped');
      return;
    }
    // Its own server: the restart must not disturb the kill test's database.
    const server = await startLocalPostgres();
    try {
      const setup = await openStore({ db: server.url });
      for (const { signed } of answers) await setup.saveRequest(signed);
      await setup.close();
      const demo = await demoMerchantCli();
      const service = await startMerchantProcess({
        args: [...demo.args, '--port', '0', '--db', server.url, '--rate-limit', '0', '--threads', '1'],
        env: demo.env,
      });
      const acknowledged = new Set<string>();
      const outcomes = { acknowledged: 0, storeErrors: 0 };
      let restart: Promise<void> | undefined;
      try {
        // Six clients deliver every answer, retrying 503s; PostgreSQL crashes after the fourth
        // acknowledgement and stays down for 1.5 s.
        const queue = [...answers];
        await Promise.all(
          Array.from({ length: 6 }, async () => {
            while (queue.length > 0) {
              const answer = queue.shift() as (typeof answers)[number];
              for (;;) {
                const response = await fetch(`${service.url}requests/${answer.signed.request.id}/answers`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(answer.bundle),
                });
                const body = (await response.json()) as { record?: { proofHash: string }; error?: { code: string } };
                if (response.status === 503) {
                  expect(body.error?.code).toBe('STORE_ERROR');
                  outcomes.storeErrors += 1;
                  await new Promise((resolve) => setTimeout(resolve, 100));
                  continue;
                }
                expect([200, 201], JSON.stringify(body)).toContain(response.status);
                expect(body.record?.proofHash).toBe(answer.proofHash);
                acknowledged.add(answer.proofHash);
                outcomes.acknowledged += 1;
                if (acknowledged.size === 4) restart ??= server.restart({ downMs: 1500 });
                break;
              }
            }
          }),
        );
        await restart;
        expect(outcomes.storeErrors).toBeGreaterThan(0); // the outage was seen, not slept through
        expect(acknowledged.size).toBe(ANSWERS);
        expect((await fetch(`${service.url}health`)).status).toBe(200);
        expect(service.child.exitCode).toBeNull(); // the same process throughout
      } finally {
        await service.stop();
      }
      const state = await rows(server.url);
      expect(state.records).toHaveLength(ANSWERS);
      expectNoHalfRecord(state);
    } finally {
      await server.stop();
    }
  });
});
