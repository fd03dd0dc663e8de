import { createRequest } from '@decdp/sdk/merchant';
import type { ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { answersBeingSent, forgetSending, rememberSending } from './answerOutbox.ts';
import type { DeviceStore } from './storedList.ts';

function memoryStore(): DeviceStore {
  const data = new Map<string, string>();
  return { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}
const ask = (): Promise<SignedRequest> =>
  createRequest({
    signer: Wallet.createRandom(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'test', text: 'Test' },
    retentionDays: 30,
  });
const bundle = { requestId: 'r' } as unknown as ProofBundle;

describe('answers being sent', () => {
  it('keeps what is about to be sent per person until it is crossed out, one entry per request', async () => {
    const store = memoryStore();
    const first = await ask();
    const second = await ask();
    rememberSending(store, 'alice', { signedRequest: first, bundle, sentAt: 'now' });
    rememberSending(store, 'alice', { signedRequest: first, bundle, sentAt: 'again' });
    rememberSending(store, 'alice', { signedRequest: second, bundle, sentAt: 'now' });
    expect(answersBeingSent(store, 'bob')).toEqual([]);
    expect(answersBeingSent(store, 'alice').map((item) => [item.signedRequest.request.id, item.sentAt])).toEqual([
      [first.request.id, 'again'],
      [second.request.id, 'now'],
    ]);
    forgetSending(store, 'alice', first);
    expect(answersBeingSent(store, 'alice').map((item) => item.signedRequest.request.id)).toEqual([second.request.id]);
  });

  it('drops what does not parse instead of failing the page', () => {
    const store = memoryStore();
    store.setItem('decdp.wallet.sending:alice', '[{"signedRequest":{"nope":1},"bundle":{}}]');
    expect(answersBeingSent(store, 'alice')).toEqual([]);
    store.setItem('decdp.wallet.sending:alice', 'not json');
    expect(answersBeingSent(store, 'alice')).toEqual([]);
  });
});
