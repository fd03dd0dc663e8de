import { describe, expect, it } from 'vitest';
import type { LightRecord } from '../shared/merchantService.ts';
import { aggregateRecords } from './aggregateRecords.ts';

const now = 1_800_000_000;
let next = 1;
function record(fields: Partial<LightRecord>): LightRecord {
  const id = next++;
  return {
    id,
    pseudonym: `p${id}`,
    requestId: `r${id}`,
    predicates: ['age ≥ 18'],
    proofHash: '0x',
    issuerKeyHashes: [],
    nullifier: String(id),
    createdAt: now - 10,
    expiresAt: now + 86_400,
    consentReceipt: null,
    rewardTx: null,
    revokedAt: null,
    ...fields,
  };
}

describe('aggregateRecords', () => {
  it('counts live answers, people, rewards and predicates; leaves out revoked and expired ones', () => {
    const aggregates = aggregateRecords(
      [
        record({ pseudonym: 'alice', rewardTx: '0x1' }),
        record({ pseudonym: 'alice', predicates: ['age ≥ 18', 'interest is cycling'] }),
        record({ pseudonym: 'bob', predicates: ['interest is cycling'] }),
        record({ pseudonym: 'carol', revokedAt: now - 1 }),
        record({ pseudonym: 'dave', expiresAt: now - 1 }),
      ],
      now,
    );
    expect(aggregates).toEqual({
      answers: 3,
      people: 2,
      rewarded: 1,
      revoked: 1,
      byPredicate: [
        { predicate: 'age ≥ 18', count: 2 },
        { predicate: 'interest is cycling', count: 2 },
      ],
    });
  });
});
