import type { ConsentReceipt } from '@decdp/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { flushReceipts, pendingReceipts, queueReceipt } from './receiptOutbox.ts';
import type { DeviceStore } from './storedList.ts';

function memoryStore(): DeviceStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}
const receipt = (id: string): ConsentReceipt => ({
  version: 1,
  id,
  requestId: `req-${id}`,
  merchant: {
    name: 'Shop',
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    requestEndpoint: 'http://x/requests',
  },
  predicates: ['age ≥ 18'],
  purpose: { code: 'p', text: 'p' },
  retentionDays: 30,
  proofHash: '0xabc',
  pseudonym: '1',
  createdAt: new Date(0).toISOString(),
  recordId: 1,
  reward: null,
  status: 'active',
  revokedAt: null,
});

describe('receipt outbox', () => {
  it('keeps a receipt the pod refused and saves it on the next flush', async () => {
    const store = memoryStore();
    queueReceipt(store, 'me', receipt('a'));
    queueReceipt(store, 'me', receipt('a')); // the same receipt twice is one entry
    queueReceipt(store, 'me', receipt('b'));
    expect(pendingReceipts(store, 'me').map((item) => item.id)).toEqual(['a', 'b']);
    expect(pendingReceipts(store, 'someone else')).toEqual([]);

    const podDown = await flushReceipts({
      store,
      webId: 'me',
      save: async () => {
        throw new Error('pod unreachable');
      },
    });
    expect(podDown).toEqual({ saved: [], waiting: 2 });

    const saved: string[] = [];
    const podBack = await flushReceipts({ store, webId: 'me', save: async (item) => saved.push(item.id) });
    expect(podBack.waiting).toBe(0);
    expect(saved).toEqual(['a', 'b']);
    expect(pendingReceipts(store, 'me')).toEqual([]);
  });

  it('ignores corrupt outbox content instead of failing the page', () => {
    const store = memoryStore();
    store.setItem('decdp.wallet.outbox:me', '{not json');
    expect(pendingReceipts(store, 'me')).toEqual([]);
    store.setItem('decdp.wallet.outbox:me', JSON.stringify([{ id: 'x' }, receipt('ok')]));
    expect(pendingReceipts(store, 'me').map((item) => item.id)).toEqual(['ok']);
  });
});
