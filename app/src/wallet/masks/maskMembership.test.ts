import {
  createMaskRequest,
  MAX_KEPT_MASK_ANSWERS,
  type MaskDefinition,
  newMaskMembership,
  parseMaskMembership,
} from '@decdp/sdk/masks';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { answerProvedInWords, membershipAfterAnswer } from './maskMembership.ts';

const NOW = 1_800_000_000;
const mask: MaskDefinition = {
  version: 1,
  id: 'new-cyclist',
  name: 'New cyclist',
  description: 'Getting into cycling',
  createdAt: NOW - 86_400,
  epochSeconds: 604_800,
  k: 5,
  treeDepth: 20,
  rootValiditySeconds: 3600,
};
const shop = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const request = (purpose: string, ttlSeconds = 86_400, nowSeconds = NOW) =>
  createMaskRequest({
    signer: shop,
    merchantName: 'Demo Bike Shop',
    maskId: mask.id,
    purpose,
    offers: 'http://127.0.0.1:4000/',
    ttlSeconds,
    nowSeconds,
  });

describe('the answered requests kept in the membership document', () => {
  it('records the answer in a document the pod schema accepts, once per request', async () => {
    const signed = await request('Which rides do you plan?');
    let membership = newMaskMembership({ holderSecret: 7n, mask, nowSeconds: NOW });
    membership = membershipAfterAnswer({ membership, signedRequest: signed, recipient: null, nowSeconds: NOW });
    membership = membershipAfterAnswer({ membership, signedRequest: signed, recipient: null, nowSeconds: NOW + 5 });
    expect(parseMaskMembership(JSON.parse(JSON.stringify(membership)))).toEqual(membership);
    expect(membership.answers).toEqual([
      {
        requestId: signed.request.id,
        merchant: { name: 'Demo Bike Shop', address: shop.address },
        purpose: 'Which rides do you plan?',
        offers: 'http://127.0.0.1:4000/',
        expiresAt: NOW + 86_400,
        answeredAt: new Date((NOW + 5) * 1000).toISOString(),
        recipient: null,
      },
    ]);
  });

  it('drops answers to requests expired more than 30 days ago, keeps the rest, and caps the list', async () => {
    const old = await request('Long gone', 60, NOW - 31 * 86_400);
    const recent = await request('Expired yesterday', 60, NOW - 86_400);
    let membership = newMaskMembership({ holderSecret: 7n, mask, nowSeconds: NOW - 40 * 86_400 });
    membership = membershipAfterAnswer({
      membership,
      signedRequest: old,
      recipient: null,
      nowSeconds: NOW - 31 * 86_400,
    });
    membership = membershipAfterAnswer({
      membership,
      signedRequest: recent,
      recipient: null,
      nowSeconds: NOW - 86_400,
    });
    const fresh = await request('Today');
    membership = membershipAfterAnswer({ membership, signedRequest: fresh, recipient: null, nowSeconds: NOW });
    expect(membership.answers?.map((entry) => entry.purpose)).toEqual(['Expired yesterday', 'Today']);

    const many = {
      ...membership,
      answers: Array.from({ length: MAX_KEPT_MASK_ANSWERS }, () => membership.answers?.[1]),
    };
    const capped = membershipAfterAnswer({
      membership: {
        ...many,
        answers: many.answers.map((entry, i) => ({ ...entry, requestId: `request-${i}xyz` })),
      } as never,
      signedRequest: await request('One more'),
      recipient: null,
      nowSeconds: NOW,
    });
    expect(capped.answers).toHaveLength(MAX_KEPT_MASK_ANSWERS);
    expect(capped.answers?.at(-1)?.purpose).toBe('One more');
  });

  it('says what the proof told the shop, with and without a reward address', async () => {
    const signed = await request('Which rides do you plan?');
    const membership = membershipAfterAnswer({
      membership: newMaskMembership({ holderSecret: 7n, mask, nowSeconds: NOW }),
      signedRequest: signed,
      recipient: '0x000000000000000000000000000000000000dEaD',
      nowSeconds: NOW,
    });
    const [record] = membership.answers ?? [];
    if (!record) throw new Error('no record');
    expect(answerProvedInWords({ maskName: mask.name, record })).toBe(
      'You proved to Demo Bike Shop that you wear “New cyclist” (not which member you are) and gave it your reward address for this shop only.',
    );
    expect(answerProvedInWords({ maskName: mask.name, record: { ...record, recipient: null } })).toBe(
      'You proved to Demo Bike Shop that you wear “New cyclist” (not which member you are); nothing else.',
    );
  });
});
