// The merchant's trusted issuers, followed from IssuerRegistry on a real anvil: registered,
// rotated (the old key trusted through its grace period on the chain's clock), revoked.

import {
  followIssuerRegistry,
  type IssuerRegistryFollower,
  registerIssuer,
  revokeIssuerKey,
  rotateIssuerKey,
} from '@decdp/sdk/chain';
import { createIssuerKey } from '@decdp/sdk/issuer';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RewardChain, startRewardChain } from './rewardChain.ts';

let chain: RewardChain;
let follower: IssuerRegistryFollower;

beforeAll(async () => {
  chain = await startRewardChain();
  follower = await followIssuerRegistry({
    provider: chain.provider,
    registry: chain.deployment.registry,
    intervalMs: 100,
  });
}, 60_000);
afterAll(async () => {
  follower?.close();
  await chain?.stop();
});

const key = (byte: number) => createIssuerKey({ privateKey: `0x${byte.toString(16).padStart(2, '0').repeat(32)}` });

describe('followIssuerRegistry', () => {
  it('trusts what the registry trusts at start, and nothing it never saw', async () => {
    expect(follower.isTrusted(chain.holder.issuer.keyHash)).toBe(true);
    expect(follower.trustedKeys()).toEqual([chain.holder.issuer.keyHash]);
    expect(follower.isTrusted(12345n)).toBe(false);
  });

  it('follows a new issuer and a rotation (old key trusted through its grace period) from new blocks', async () => {
    const first = await key(2);
    const second = await key(3);
    const { issuerId } = await registerIssuer({
      signer: chain.relayer,
      registry: chain.deployment.registry,
      issuerKeyHash: first.keyHash,
      publicKey: first.publicKey,
      name: 'Second Bank',
    });
    await expect.poll(() => follower.isTrusted(first.keyHash)).toBe(true);
    await rotateIssuerKey({
      signer: chain.relayer,
      registry: chain.deployment.registry,
      issuerId,
      issuerKeyHash: second.keyHash,
      publicKey: second.publicKey,
      graceSeconds: 3600,
    });
    await expect.poll(() => follower.isTrusted(second.keyHash)).toBe(true);
    expect(follower.isTrusted(first.keyHash)).toBe(true);
    // Past the grace period on the chain's clock, the retired key is no longer trusted.
    await chain.provider.send('evm_increaseTime', [3601]);
    await chain.provider.send('evm_mine', []);
    await follower.sync();
    expect(follower.isTrusted(first.keyHash)).toBe(false);
    expect(follower.isTrusted(second.keyHash)).toBe(true);
  });

  it('a sync answers from the head as it is when called, not from a read already under way', async () => {
    // The loop's read can have asked for the head just before a new block; holding that answer
    // makes the race certain: the sync called after the block must read again.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let hold = false;
    const provider = new (class extends JsonRpcProvider {
      override async send(method: string, args: unknown[] | Record<string, unknown>) {
        const answer = await super.send(method, args);
        if (hold && method === 'eth_getBlockByNumber') await held;
        return answer;
      }
    })(chain.anvil.rpcUrl, undefined, { staticNetwork: true });
    const own = await followIssuerRegistry({ provider, registry: chain.deployment.registry, intervalMs: 60_000 });
    try {
      hold = true;
      const underWay = own.sync();
      const before = Number(await chain.provider.send('eth_blockNumber', []));
      await chain.provider.send('evm_mine', []);
      const after = own.sync();
      hold = false;
      release();
      await Promise.all([underWay, after]);
      expect(own.block).toBe(before + 1);
    } finally {
      own.close();
      provider.destroy();
    }
  });

  it('stops trusting a revoked key at the next block it reads, without a manual sync', async () => {
    const revokedAt =
      (await revokeIssuerKey({
        signer: chain.relayer,
        registry: chain.deployment.registry,
        issuerKeyHash: chain.holder.issuer.keyHash,
      })) && (await chain.provider.getBlockNumber());
    await expect.poll(() => follower.isTrusted(chain.holder.issuer.keyHash)).toBe(false);
    expect(follower.block).toBeGreaterThanOrEqual(revokedAt);
    // A follower started later reads the same state from the events.
    const late = await followIssuerRegistry({ provider: chain.provider, registry: chain.deployment.registry });
    try {
      expect(late.trustedKeys().sort()).toEqual(follower.trustedKeys().sort());
      expect(late.isTrusted(chain.holder.issuer.keyHash)).toBe(false);
    } finally {
      late.close();
    }
  });
});
