import { describe, expect, it } from 'vitest';
import { makeHolder } from '../testing/demo.ts';
import { credentialsDueForRenewal, describeProvenance } from './storeIssuedCredentials.ts';

describe('issued credentials in the wallet', () => {
  it('says where a credential came from in plain words and when to renew it', async () => {
    const now = Date.parse('2026-12-06T12:00:00Z') / 1000;
    const holder = await makeHolder({ now });
    const plain = holder.credentials[0] as NonNullable<(typeof holder.credentials)[0]>;
    const issued = {
      ...plain,
      evidence: [
        {
          type: 'DecdpIssuance' as const,
          issuerUrl: 'http://localhost:8790/',
          issuerName: 'Demo Bank',
          source: 'bank',
          sourceName: 'Sandbox Bank',
          selfAsserted: false,
          issuedAt: plain.decdp.issuedAt,
          expiresAt: plain.decdp.expiresAt,
        },
      ],
    };
    expect(describeProvenance(issued)).toBe('Demo Bank, from Sandbox Bank, issued 6 Dec 2026, expires 6 Dec 2027');
    expect(describeProvenance(plain)).toMatch(/^Demo Bank, issued/);
    const items = [{ credential: issued }, { credential: plain }];
    expect(credentialsDueForRenewal({ items, now })).toEqual([]);
    // In the last fifth of its life, only the issued one (the seeded one has no issuer to ask).
    expect(credentialsDueForRenewal({ items, now: plain.decdp.expiresAt - 86_400 })).toEqual([{ credential: issued }]);
  });
});
