import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { createRequest } from '../merchant/createRequest.ts';
import { type ProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import { MERCHANT_PRIVATE_KEY } from '../testing/demo.ts';
import { buildConsentReceipt } from './buildConsentReceipt.ts';

describe('buildConsentReceipt', () => {
  it('keeps what was revealed in words, with the merchant record as reference', async () => {
    const signer = new Wallet(MERCHANT_PRIVATE_KEY);
    const signedRequest = await createRequest({
      signer,
      id: 'req1',
      merchant: { name: 'Demo Bike Shop', requestEndpoint: 'http://localhost/requests' },
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'age-check', text: 'Sell e-bikes to adults' },
      retentionDays: 30,
    });
    const bundle = {
      version: 1,
      requestId: 'req1',
      requestHash: '1',
      recipient: signer.address,
      proofs: [],
    } as unknown as ProofBundle;
    const receipt = buildConsentReceipt({
      signedRequest,
      bundle,
      answer: { reward: null, record: { id: 7, pseudonym: '42', createdAt: 1_800_000_000 } },
    });
    expect(receipt).toMatchObject({
      id: `${signer.address.slice(2, 10).toLowerCase()}-req1-7`,
      predicates: ['age ≥ 18'],
      purpose: { code: 'age-check', text: 'Sell e-bikes to adults' },
      retentionDays: 30,
      pseudonym: '42',
      recordId: 7,
      createdAt: '2027-01-15T08:00:00.000Z',
      proofHash: proofBundleHash(bundle),
      reward: null,
      status: 'active',
    });
  });
});
