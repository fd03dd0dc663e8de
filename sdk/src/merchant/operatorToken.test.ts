import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { authenticateOperator, createOperatorToken } from './operatorToken.ts';

const open = () => openSqliteStore({ path: ':memory:' });

describe('operator tokens', () => {
  it('creates a token shown once and kept only as a hash, then accepts it for its scopes', async () => {
    const store = open();
    const { token, info } = await createOperatorToken({ store, name: 'till 1', scopes: ['requests:write'], now: 100 });
    expect(token).toMatch(/^dcdp_[0-9a-f]{16}_[0-9a-f]{64}$/);
    const stored = await store.getOperatorToken(info.id);
    expect(JSON.stringify(stored)).not.toContain(token.slice(22));
    const authorization = `Bearer ${token}`;
    await expect(authenticateOperator({ store, authorization, scope: 'requests:write' })).resolves.toEqual(info);
    await expect(authenticateOperator({ store, authorization, scope: 'records:read' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      field: 'authorization',
    });
    await store.close();
  });

  it('refuses missing, malformed, unknown, wrong, expired and revoked tokens with UNAUTHORIZED', async () => {
    const store = open();
    const other = open(); // another merchant's store
    const { token, info } = await createOperatorToken({ store, name: 'ops', ttlSeconds: 60, now: 1_000 });
    const { token: foreign } = await createOperatorToken({ store: other, name: 'ops' });
    const wrongSecret = `${token.slice(0, 22)}${'0'.repeat(64)}`;
    const refused = async (authorization: string | undefined, now = 1_010) =>
      authenticateOperator({ store, authorization, scope: 'records:read', now }).catch((error) => error.code);
    expect(await refused(`Bearer ${token}`)).toMatchObject({ id: info.id });
    for (const header of [undefined, '', token, 'Bearer', 'Basic abc', `Bearer ${token}x`, `Bearer ${foreign}`]) {
      expect(await refused(header), String(header)).toBe('UNAUTHORIZED');
    }
    expect(await refused(`Bearer ${wrongSecret}`)).toBe('UNAUTHORIZED');
    expect(await refused(`Bearer ${token}`, 1_060)).toBe('UNAUTHORIZED');
    await store.revokeOperatorToken({ id: info.id, at: 1_020 });
    expect(await refused(`Bearer ${token}`)).toBe('UNAUTHORIZED');
    await store.close();
    await other.close();
  });

  it('refuses unknown scopes and empty names, naming the field', async () => {
    const store = open();
    await expect(createOperatorToken({ store, name: 'x', scopes: ['admin'] })).rejects.toMatchObject({
      field: 'scopes',
    });
    await expect(createOperatorToken({ store, name: 'x', scopes: [] })).rejects.toMatchObject({ field: 'scopes' });
    await expect(createOperatorToken({ store, name: '  ' })).rejects.toMatchObject({ field: 'name' });
    expect(await store.listOperatorTokens()).toEqual([]);
    await store.close();
  });
});
