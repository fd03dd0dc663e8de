// The rewarded request both forge fixtures (claim.json, batch.json) are proofs for: one campaign
// scope and one proof time, which the Solidity tests give their campaign and block.

import { createRequest } from '@decdp/sdk/merchant';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { merchantSigner } from '@decdp/sdk/testing';
import { AbiCoder, getCreateAddress, keccak256 } from 'ethers';

/** The salt of the campaign the bench opens for these proofs. */
export const FIXTURE_SALT = `0x${'00'.repeat(31)}01`;
/**
 * The nullifier scope RewardPool derives for that campaign when deployContracts runs from the
 * merchant key on a fresh anvil (chain 31337): the pool is its sixth transaction (verifier, token,
 * registry, PoseidonT5, PoseidonT6, pool). The pool computes statement hashes over the scope it
 * derives, so the bench's campaign pays these proofs only if this matches (bench/chain.ts checks);
 * the forge tests pin it (TestableRewardPool).
 */
export const FIXTURE_SCOPE =
  BigInt(
    keccak256(
      AbiCoder.defaultAbiCoder().encode(
        ['uint256', 'address', 'address', 'bytes32'],
        [31337, getCreateAddress({ from: merchantSigner().address, nonce: 5 }), merchantSigner().address, FIXTURE_SALT],
      ),
    ),
  ) >> 8n;
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
