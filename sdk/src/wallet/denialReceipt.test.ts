import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createRequest } from '../merchant/createRequest.ts';
import { MERCHANT_PRIVATE_KEY } from '../testing/demo.ts';
import { buildDenialReceipt, parseDenialReceipt } from './denialReceipt.ts';
import { explainRequest } from './explainRequest.ts';

describe('denial receipts', () => {
  it('records what was asked and who said no, and survives the pod round trip', async () => {
    const now = 1_800_000_000;
    const signed = await createRequest({
      signer: new Wallet(MERCHANT_PRIVATE_KEY),
      id: 'req-1',
      merchant: { name: 'Shop', requestEndpoint: 'http://localhost/requests' },
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'ads', text: 'Ads' },
      retentionDays: 30,
      now,
    });
    const denial = buildDenialReceipt({
      explained: explainRequest(signed, { now }),
      deniedBy: 'policy',
      policyIds: ['never-1'],
      now: new Date(now * 1000),
    });
    expect(denial).toMatchObject({
      status: 'denied',
      requestId: 'req-1',
      predicates: ['age ≥ 18'],
      attributes: ['age'],
      deniedBy: 'policy',
      policyIds: ['never-1'],
    });
    expect(parseDenialReceipt(JSON.parse(JSON.stringify(denial)))).toEqual(denial);
    expect(() => parseDenialReceipt({ ...denial, status: 'active' })).toThrow(/status/);
  });
});
