import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/openSqliteStore.ts';
import { handleInboxConnection } from './handleInboxConnection.ts';

describe('handleInboxConnection', () => {
  it('keeps the inbox a person hands over, once', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const inbox = 'http://localhost:3000/anna/decdp/inboxes/0123456789abcdef0123456789abcdef/';
    expect(await handleInboxConnection({ store, body: { inbox }, now: 5 })).toEqual({ inbox });
    await handleInboxConnection({ store, body: { inbox }, now: 6 });
    expect(await store.listInboxes()).toEqual([inbox]);
    await store.close();
  });

  it('refuses anything but an http(s) container URL, naming the field, and keeps nothing', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    for (const body of [
      {},
      { inbox: 'not a url' },
      { inbox: 'javascript:alert(1)//' },
      { inbox: 'http://localhost:3000/anna/decdp/inbox' },
      { inbox: `http://localhost/${'a'.repeat(500)}/` },
      { inbox: 'http://localhost/x/', pseudonym: '1' },
    ]) {
      await expect(handleInboxConnection({ store, body }), JSON.stringify(body)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        field: expect.stringMatching(/^body/),
      });
    }
    expect(await store.listInboxes()).toEqual([]);
    await store.close();
  });
});
