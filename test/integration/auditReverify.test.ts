// `decdp-audit reverify` on a real store: a real merchant service (the CLI process) receives real
// answers, keeps each proof bundle beside its light record, and the auditor's CLI re-checks every
// record from the store alone — valid, then invalid for the record whose kept proof was tampered
// with in the database. The raw-attribute scan still passes on the same store. SQLite and
// PostgreSQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { demoMerchantCli, makeHolder } from '@decdp/sdk/testing';
import { findPostgresBin, type LocalPostgres, startLocalPostgres, startMerchantProcess } from '@decdp/sdk/testing/node';
import { buildConsentReceipt, proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'decdp-reverify-'));
const auditCli = join(process.cwd(), 'node_modules', '.bin', 'decdp-audit');
let artifacts: CredentialArtifacts;
let postgres: LocalPostgres | undefined;
let demo: Awaited<ReturnType<typeof demoMerchantCli>>;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  demo = await demoMerchantCli();
  if (findPostgresBin()) postgres = await startLocalPostgres();
  else console.warn('auditReverify: PostgreSQL binaries not found; the PostgreSQL case is skipped');
});
afterAll(async () => {
  await releaseProverThreads();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Report = {
  ok: boolean;
  checked: number;
  findings: { code: string; where: string }[];
  records: { recordId: number; proof: string; codes: string[] }[];
};

function audit(...args: string[]): { status: number | null; report: Report } {
  const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', auditCli, ...args, '--json'], {
    encoding: 'utf8',
  });
  try {
    return { status: run.status, report: JSON.parse(run.stdout) as Report };
  } catch {
    throw new Error(`decdp-audit printed no JSON:\n${run.stdout}\n${run.stderr}`);
  }
}

/** Adds 1 to the first number of a record's kept proof, straight in the database. */
async function tamperKeptProof(db: string, recordId: number): Promise<void> {
  const bump = (proofs: string) => {
    const numbers = JSON.parse(proofs) as string[][];
    const first = numbers[0] as string[];
    first[2] = (BigInt(first[2] as string) + 1n).toString(); // pi_a[0], after predicate index and issuer
    return JSON.stringify(numbers);
  };
  if (!db.startsWith('postgres')) {
    const raw = new DatabaseSync(db);
    const row = raw.prepare('SELECT proofs FROM proof_bundles WHERE record_id = ?').get(recordId) as { proofs: string };
    raw.prepare('UPDATE proof_bundles SET proofs = ? WHERE record_id = ?').run(bump(row.proofs), recordId);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const { rows } = await client.query('SELECT proofs FROM proof_bundles WHERE record_id = $1', [recordId]);
  await client.query('UPDATE proof_bundles SET proofs = $1 WHERE record_id = $2', [bump(rows[0].proofs), recordId]);
  await client.end();
}

describe('decdp-audit reverify on a real merchant store', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`reports every record's kept proof as valid, and a tampered one as invalid (${kind})`, async () => {
      if (kind === 'postgres' && !postgres) return;
      const db = kind === 'sqlite' ? join(dir, 'merchant.sqlite') : (postgres as LocalPostgres).url;
      const service = await startMerchantProcess({
        args: [...demo.args, '--port', '0', '--db', db, '--threads', '1'],
        env: demo.env,
      });
      const answered: { id: number; consentReceipt: string | null }[] = [];
      try {
        const created = await fetch(`${service.url}requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${service.operatorToken}` },
          body: JSON.stringify({
            predicates: [
              { attribute: 'age', op: 'gte', value: 18 },
              { attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] },
            ],
            purpose: { code: 'age-check', text: 'Sell e-bikes only to adults in the Benelux' },
            retentionDays: 30,
          }),
        });
        expect(created.status).toBe(201);
        const signedRequest = (await created.json()) as SignedRequest;
        // Two people answer.
        for (const holderSecret of [11n, 22n]) {
          const holder = await makeHolder({ holderSecret });
          const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
          const bundle = await proveRequest({ signedRequest, ...holder, recipient, artifacts });
          const response = await fetch(`${service.url}requests/${signedRequest.request.id}/answers`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bundle),
          });
          expect(response.status).toBe(201);
          const answer = (await response.json()) as {
            record: { id: number; pseudonym: string; createdAt: number; consentReceipt: string | null };
          };
          // The record names the receipt the person's wallet keeps for this answer.
          expect(answer.record.consentReceipt).toBe(
            buildConsentReceipt({ signedRequest, bundle, answer: { ...answer, reward: null } }).id,
          );
          answered.push(answer.record);
        }
      } finally {
        expect(await service.stop()).toBe(0);
      }

      const clean = audit('reverify', '--db', db);
      expect(clean.status).toBe(0);
      expect(clean.report).toMatchObject({ ok: true, checked: 2, findings: [] });
      expect(clean.report.records.map((record) => [record.recordId, record.proof])).toEqual(
        answered.map((record) => [record.id, 'valid']),
      );
      // Keeping the proofs did not put an attribute value in the store.
      expect(audit('scan', '--db', db)).toMatchObject({ status: 0, report: { ok: true, checked: 2 } });

      const [first, second] = answered;
      if (!first || !second) throw new Error('two answers were recorded above');
      await tamperKeptProof(db, first.id);
      const tampered = audit('reverify', '--db', db);
      expect(tampered.status).toBe(1);
      expect(tampered.report.ok).toBe(false);
      expect(tampered.report.records).toEqual([
        { recordId: first.id, requestId: expect.any(String), proof: 'invalid', codes: ['ANSWER_PROOF_INVALID'] },
        { recordId: second.id, requestId: expect.any(String), proof: 'valid', codes: [] },
      ]);
      // Trusting only another issuer: every proof is reported, none accepted.
      const otherIssuer = audit('reverify', '--db', db, '--issuer', '1');
      expect(otherIssuer.report.records.every((record) => record.proof === 'invalid')).toBe(true);
    });
  }
});
