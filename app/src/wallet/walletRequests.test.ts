import { createRequest } from '@decdp/sdk/merchant';
import type { ConsentReceipt } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import type { DenialReceipt } from './denialReceipt.ts';
import { mergeRequests } from './walletRequests.ts';

const signer = new Wallet(MERCHANT_PRIVATE_KEY);
const now = 1_800_000_000;

function make(id: string, issuedAt = now) {
  return createRequest({
    signer,
    id,
    merchant: { name: 'Shop', requestEndpoint: 'http://localhost/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'test', text: 'Test' },
    retentionDays: 30,
    now: issuedAt,
  });
}

describe('mergeRequests', () => {
  it('merges the inbox and the merchant list, open ones first, with problems in words', async () => {
    const [a, b, expired] = await Promise.all([make('a'), make('b', now - 10), make('old', now - 2 * 86_400)]);
    const tampered = { ...b, request: { ...b.request, id: 'b2', retentionDays: 3650 } };
    const receipt = { requestId: 'b', merchant: b.request.merchant, status: 'active' } as ConsentReceipt;
    const merged = mergeRequests({ inbox: [a, expired, tampered], merchant: [a, b], receipts: [receipt], now });
    expect(merged.map((item) => [item.signed.request.id, item.sources.join('+'), item.receipt !== null])).toEqual([
      ['a', 'pod inbox+merchant', false],
      ['b', 'merchant', true],
      ['b2', 'pod inbox', false],
      ['old', 'pod inbox', false],
    ]);
    expect(merged[2]?.problem).toMatch(/not signed by the merchant/);
    expect(merged[3]?.problem).toMatch(/expired/);
  });

  it('marks a request the person denied, and an answer wins over an older denial', async () => {
    const [a, b] = await Promise.all([make('a'), make('b')]);
    const denial = (request: typeof a) =>
      ({ requestId: request.request.id, merchant: request.request.merchant }) as DenialReceipt;
    const receipt = { requestId: 'b', merchant: b.request.merchant, status: 'active' } as ConsentReceipt;
    const merged = mergeRequests({
      inbox: [],
      merchant: [a, b],
      receipts: [receipt],
      denials: [denial(a), denial(b)],
      now,
    });
    const byId = new Map(merged.map((item) => [item.signed.request.id, item]));
    expect(byId.get('a')?.denial).not.toBeNull();
    expect(byId.get('b')?.denial).toBeNull();
    expect(byId.get('b')?.receipt).not.toBeNull();
    // A revoked answer keeps the request answered: its nullifier stays spent at the merchant.
    const revoked = { ...receipt, requestId: 'a', merchant: a.request.merchant, status: 'revoked' } as ConsentReceipt;
    const again = mergeRequests({ inbox: [], merchant: [a], receipts: [revoked], now });
    expect(again[0]?.receipt?.status).toBe('revoked');
  });
});
