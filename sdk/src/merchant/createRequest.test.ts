import { describe, expect, it } from 'vitest';
import type { RequestPredicate } from '../protocol/request.ts';
import { merchantSigner } from '../testing/demo.ts';
import { createRequest } from './createRequest.ts';

const reward = {
  chainId: 31337,
  pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  campaignId: '1',
  scope: '12345',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  amount: '5000000000000000000',
};
const ask = (predicates: RequestPredicate[], withReward: boolean) =>
  createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates,
    purpose: { code: 'test', text: 'Reward adults' },
    retentionDays: 30,
    ...(withReward ? { reward } : {}),
  });

describe('createRequest', () => {
  it.each<RequestPredicate>([
    { attribute: 'age', op: 'exists' },
    { attribute: 'age', op: 'gte', value: 0 },
    { attribute: 'age', op: 'between', range: [0, '18446744073709551615'] },
  ])('refuses a reward for a statement every holder satisfies: %o', async (predicate) => {
    await expect(ask([{ attribute: 'age', op: 'gte', value: 18 }, predicate], true)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'request.predicates[1]',
    });
  });

  it('signs a rewarded request for a statement that says something, and an unrewarded exists', async () => {
    expect((await ask([{ attribute: 'age', op: 'gte', value: 18 }], true)).request.reward).toEqual(reward);
    expect((await ask([{ attribute: 'age', op: 'exists' }], false)).request.predicates).toHaveLength(1);
  });
});
