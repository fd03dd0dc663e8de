// The tokens commands as a user runs them: `decdp-merchant tokens …` in its own process on a
// SQLite file, then the token checked against the same store.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/openSqliteStore.ts';
import { authenticateOperator } from '../operatorToken.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-tokens-'));
const db = join(dir, 'merchant.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'decdpMerchant.ts'), 'tokens', ...args],
    { encoding: 'utf8' },
  );

describe('decdp-merchant tokens', () => {
  it('creates a scoped token shown once, lists it without the secret, and revokes it', async () => {
    const created = JSON.parse(
      (await cli('create', '--db', db, '--name', 'till 1', '--scope', 'requests:write', '--json')).stdout,
    ) as { token: string; id: string; scopes: string[] };
    expect(created.scopes).toEqual(['requests:write']);
    const listed = (await cli('list', '--db', db, '--json')).stdout;
    expect(JSON.parse(listed)).toEqual([expect.objectContaining({ id: created.id, name: 'till 1', revokedAt: null })]);
    expect(listed).not.toContain(created.token.slice(22));
    expect(listed).not.toContain('secretHash');

    const store = openSqliteStore({ path: db });
    const check = (scope: 'requests:write' | 'records:read') =>
      authenticateOperator({ store, authorization: `Bearer ${created.token}`, scope }).then(
        (token) => token.id,
        (error) => error.code,
      );
    expect(await check('requests:write')).toBe(created.id);
    expect(await check('records:read')).toBe('FORBIDDEN');
    expect((await cli('revoke', '--db', db, '--id', created.id)).stdout).toContain(`revoked ${created.id}`);
    expect(await check('requests:write')).toBe('UNAUTHORIZED');
    await store.close();

    const human = (await cli('create', '--db', db, '--name', 'ops')).stdout;
    expect(human).toMatch(/^dcdp_[0-9a-f]{16}_[0-9a-f]{64}\n/);
    expect((await cli('list', '--db', db)).stdout.trim().split('\n')).toHaveLength(2);
  });

  it('fails with a message and a non-zero exit on bad input, storing nothing', async () => {
    const other = join(dir, 'other.sqlite');
    await expect(cli('create', '--db', other, '--name', 'x', '--scope', 'admin')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Unknown scope "admin"'),
    });
    await expect(cli('create', '--db', other)).rejects.toMatchObject({ stderr: expect.stringContaining('--name') });
    await expect(cli('revoke', '--db', other, '--id', '0000000000000000')).rejects.toMatchObject({
      stderr: expect.stringContaining('No active token'),
    });
    await expect(cli('rotate', '--db', other)).rejects.toMatchObject({ stderr: expect.stringContaining('rotate') });
    expect(JSON.parse((await cli('list', '--db', other, '--json')).stdout)).toEqual([]);
  });
});
