// The rewarded request both forge fixtures (claim.json, batch.json) are proofs for: one campaign
// scope and one proof time, which the Solidity tests give their campaign and block.
import { createRequest } from '../sdk/src/merchant/createRequest.ts';
import type { SignedRequest } from '../sdk/src/protocol/request.ts';
import { merchantSigner } from '../sdk/src/testing/demo.ts';

/** Fixed so the Solidity test can give its campaign the same scope. */
export const FIXTURE_SCOPE = 4242424242n;
/** The proofs' time; the Solidity tests warp to it. */
export const FIXTURE_NOW = 1_800_000_000;
export const FIXTURE_PREDICATE = { attribute: 'age', op: 'gte' as const, value: 18 };

export function makeFixtureRequest(): Promise<SignedRequest> {
  return createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Fixture Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [FIXTURE_PREDICATE],
    purpose: { code: 'fixture', text: 'forge test fixture' },
    retentionDays: 1,
    reward: {
      chainId: 31337,
      pool: '0x0000000000000000000000000000000000000001',
      campaignId: '1',
      scope: FIXTURE_SCOPE.toString(),
      token: '0x0000000000000000000000000000000000000002',
      amount: '5000000000000000000',
    },
    now: FIXTURE_NOW - 10,
  });
}
