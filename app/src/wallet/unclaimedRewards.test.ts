import type { ProofBundle } from '@decdp/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { canStillClaim, dropUnclaimed, keepUnclaimed, listUnclaimed } from './unclaimedRewards.ts';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => map.set(key, value),
  };
}

describe('unclaimed rewards', () => {
  it('keeps one bundle per receipt, per WebID, until claimed', () => {
    const store = memoryStore();
    const bundle = {
      version: 1,
      requestId: 'r',
      requestHash: '1',
      recipient: '0x0',
      proofs: [],
    } as unknown as ProofBundle;
    keepUnclaimed(store, 'me', { receiptId: 'a', requestId: 'r', bundle, provedAt: 1000 });
    keepUnclaimed(store, 'me', { receiptId: 'a', requestId: 'r', bundle, provedAt: 1001 });
    expect(listUnclaimed(store, 'me')).toHaveLength(1);
    expect(listUnclaimed(store, 'someone else')).toHaveLength(0);
    const [kept] = listUnclaimed(store, 'me');
    expect(kept && canStillClaim(kept, 1001 + 60)).toBe(true);
    expect(kept && canStillClaim(kept, 1001 + 600)).toBe(false);
    dropUnclaimed(store, 'me', 'a');
    expect(listUnclaimed(store, 'me')).toEqual([]);
  });
});
