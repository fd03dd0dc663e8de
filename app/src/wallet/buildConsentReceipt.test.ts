import { createRequest } from '@decdp/sdk/merchant';
import { type ProofBundle, proofBundleHash } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
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
      answer: {
        duplicate: false,
        reward: null,
        record: {
          id: 7,
          pseudonym: '42',
          requestId: 'req1',
          predicates: ['age ≥ 18'],
          proofHash: '0x',
          issuerKeyHashes: [],
          nullifier: '1',
          createdAt: 1_800_000_000,
          expiresAt: 1_800_000_000 + 30 * 86_400,
          consentReceipt: null,
          rewardTx: null,
          revokedAt: null,
        },
      },
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
