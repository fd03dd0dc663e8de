import { describe, expect, it } from 'vitest';
import type { RequestPredicate } from '../protocol/request.ts';
import { DEMO_REWARD, demoRequest } from '../testing/demo.ts';

const ask = (predicates: RequestPredicate[], withReward: boolean) =>
  demoRequest(predicates, withReward ? { reward: DEMO_REWARD } : {});

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
    expect((await ask([{ attribute: 'age', op: 'gte', value: 18 }], true)).request.reward).toEqual(DEMO_REWARD);
    expect((await ask([{ attribute: 'age', op: 'exists' }], false)).request.predicates).toHaveLength(1);
  });
});
