import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedRequest } from '../protocol/request.ts';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { demoRequest } from '../testing/demo.ts';
import { checkShape, scanMerchantStore } from './scanMerchantStore.ts';

let dir: string;
let path: string;
let signed: SignedRequest;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decdp-audit-'));
  path = join(dir, 'merchant.sqlite');
  signed = await demoRequest([{ attribute: 'age', op: 'gte', value: 18 }], {
    purpose: { code: 'test', text: 'test' },
    retentionDays: 1,
  });
  const store = openSqliteStore({ path });
  await store.saveRequest(signed);
  await store.save({
    pseudonym: '123',
    requestId: signed.request.id,
    predicates: ['age ≥ 18'],
    proofHash: `0x${'ab'.repeat(32)}`,
    issuerKeyHashes: ['456'],
    nullifier: '789',
    nullifierScope: '10',
    createdAt: 1_000,
    expiresAt: 2_000,
    consentReceipt: 'http://localhost:3000/demo/decdp/receipts/r1.json',
  });
  await store.close();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function scan() {
  const store = openSqliteStore({ path });
  try {
    return await scanMerchantStore({ store });
  } finally {
    await store.close();
  }
}

describe('scanMerchantStore', () => {
  it('finds nothing in a store that keeps light records only', async () => {
    const audit = await scan();
    expect(audit).toMatchObject({ ok: true, checked: 1, findings: [] });
  });

  it('finds a column that could hold an attribute value', async () => {
    const db = new DatabaseSync(path);
    db.exec('ALTER TABLE light_records ADD COLUMN birth_date TEXT');
    db.exec('ALTER TABLE light_records ADD COLUMN campaign_note TEXT');
    db.close();
    const audit = await scan();
    expect(audit.ok).toBe(false);
    expect(audit.findings.map((finding) => [finding.code, finding.severity, finding.where])).toEqual([
      ['RAW_ATTRIBUTE_COLUMN', 'error', 'light_records.birth_date'],
      ['UNEXPECTED_COLUMN', 'warning', 'light_records.campaign_note'],
    ]);
  });

  it('finds a value hidden in the predicate list', async () => {
    const db = new DatabaseSync(path);
    db.prepare('UPDATE light_records SET predicates = ?').run(JSON.stringify(['age ≥ 18', 'age is 34']));
    db.close();
    const audit = await scan();
    expect(audit.findings.map((finding) => finding.code)).toEqual(['PREDICATE_NOT_REQUESTED']);
    expect(audit.findings[0]?.message).toContain('age is 34');
  });

  it('finds fields out of their light shape (stores without CHECK constraints, e.g. older ones)', () => {
    const record = {
      id: 7,
      pseudonym: 'alice@example.com',
      requestId: 'r',
      predicates: [],
      proofHash: 'not a hash',
      issuerKeyHashes: ['1'],
      nullifier: '2',
      createdAt: 10,
      expiresAt: 20,
      consentReceipt: 'x'.repeat(501),
      rewardTx: null,
      revokedAt: null,
    };
    expect(checkShape(record).map((finding) => finding.where)).toEqual([
      'light_records.id=7.pseudonym',
      'light_records.id=7.proofHash',
      'light_records.id=7.consentReceipt',
    ]);
  });
});
