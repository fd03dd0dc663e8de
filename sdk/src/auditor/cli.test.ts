// The CLI as a user runs it: exit codes 0 (clean), 1 (error findings), 2 (cannot run), --json.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { demoRequest } from '../testing/demo.ts';

const cli = join(import.meta.dirname, 'cli.ts');
let dir: string;
let db: string;

function audit(...args: string[]) {
  const result = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args, '--json'], {
    encoding: 'utf8',
  });
  return { status: result.status, output: JSON.parse(result.stdout) as Record<string, unknown> };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'decdp-audit-cli-'));
  db = join(dir, 'merchant.sqlite');
  const store = openSqliteStore({ path: db });
  await store.saveRequest(
    await demoRequest([{ attribute: 'age', op: 'gte', value: 18 }], {
      purpose: { code: 'test', text: 'test' },
      retentionDays: 1,
    }),
  );
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('decdp-audit', () => {
  it('scan: exit 0 on a light store, 1 once a column could hold raw attributes', () => {
    expect(audit('scan', '--db', db)).toMatchObject({ status: 0, output: { ok: true, subject: 'merchant store' } });
    const raw = new DatabaseSync(db);
    raw.exec('ALTER TABLE light_records ADD COLUMN city TEXT');
    raw.close();
    const { status, output } = audit('scan', '--db', db);
    expect(status).toBe(1);
    expect(output.findings).toEqual([
      expect.objectContaining({ code: 'RAW_ATTRIBUTE_COLUMN', where: 'light_records.city' }),
    ]);
  });

  it('exit 2 with a usage error naming the missing flag', () => {
    expect(audit('scan')).toMatchObject({
      status: 2,
      output: { error: { code: 'USAGE', message: '--db is required for scan.' } },
    });
    expect(audit('frobnicate')).toMatchObject({ status: 2, output: { error: { code: 'USAGE' } } });
  });

  it('keys: the committed keys match the published checksums and the vkey is the zkey’s', () => {
    const { status, output } = audit('keys');
    expect(output).toMatchObject({ subject: 'circuit keys', findings: [] });
    expect(status).toBe(0);
  });
});
