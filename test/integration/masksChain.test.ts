// Masks on a real chain: Semaphore v4 and the MaskRegistry on anvil, real Semaphore proofs
// (depth 20, the pinned artifacts). Anyone creates a mask, members join and leave by transaction,
// contribute once per epoch; merchants read a closed epoch's profile only at k contributors.

import type { MaskArtifacts } from '@decdp/sdk/masks';
import {
  contributeOnChain,
  createMaskOnChain,
  DEFAULT_CHAIN_MASK_K,
  deployMaskContracts,
  joinMaskOnChain,
  leaveMaskOnChain,
  listMasksOnChain,
  type MaskDeployment,
  maskChainError,
  prepareContribution,
  readMaskOnChain,
  readMaskProfileOnChain,
} from '@decdp/sdk/masks';
import { loadMaskArtifacts } from '@decdp/sdk/masks/node';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

const KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
];
const EPOCH = 3600;
const members = [1001n, 1002n, 1003n, 1004n, 1005n];

let anvil: Anvil;
let provider: JsonRpcProvider;
let signer: NonceManager;
let stranger: NonceManager;
let deployment: MaskDeployment;
let artifacts: MaskArtifacts;

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; field?: string }) => (error.field ? `${error.code} ${error.field}` : error.code),
  );
const nextEpoch = async () => {
  const block = await provider.getBlock('latest');
  const now = block?.timestamp ?? 0;
  await provider.send('evm_increaseTime', [EPOCH - (now % EPOCH) + 1]);
  await provider.send('evm_mine', []);
};

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  signer = new NonceManager(new Wallet(KEYS[0] as string, provider));
  stranger = new NonceManager(new Wallet(KEYS[1] as string, provider));
  // No admission is proved here (maskService.test.ts does): no issuer registry is asked.
  deployment = await deployMaskContracts({ signer, issuerRegistry: '0x000000000000000000000000000000000000dEaD' });
  artifacts = await loadMaskArtifacts();
  const registry = deployment.registry;
  for (const id of ['new-cyclist', 'winter-sports']) {
    await createMaskOnChain({
      signer: stranger, // anyone may create a mask
      registry,
      mask: { id, name: id, description: `People into ${id}`, tags: ['sport'], k: 5, epochSeconds: EPOCH },
    });
    for (const holderSecret of members) await joinMaskOnChain({ signer, registry, maskId: id, holderSecret });
  }
});

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

describe('masks on-chain (Semaphore v4 + MaskRegistry)', () => {
  it('anyone creates a mask; the registry lists it with its size; k defaults to 20', async () => {
    await createMaskOnChain({
      signer: stranger,
      registry: deployment.registry,
      mask: { id: 'christmas-shopping', name: 'Christmas shopping', description: 'Gifts', tags: ['gifts', 'seasonal'] },
    });
    const masks = await listMasksOnChain({ provider, registry: deployment.registry });
    expect(masks.map((mask) => mask.id)).toEqual(['new-cyclist', 'winter-sports', 'christmas-shopping']);
    const christmas = masks[2];
    expect(christmas?.k).toBe(DEFAULT_CHAIN_MASK_K);
    expect(christmas?.tags).toEqual(['gifts', 'seasonal']);
    expect(christmas?.members).toBe(0);
    expect(masks[0]?.members).toBe(5);
    expect(masks[0]?.admission).toBeNull();
    // A k under 5 and a mask id out of charset are refused.
    expect(
      await codeOf(
        createMaskOnChain({
          signer,
          registry: deployment.registry,
          mask: { id: 'tiny', name: 'Tiny', description: 'x', k: 2 },
        }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        createMaskOnChain({
          signer,
          registry: deployment.registry,
          mask: { id: 'Bad Id', name: 'x', description: 'x' },
        }),
      ),
    ).toBe('INVALID_INPUT');
  });

  it('joining a mask that asks for an admission proof, without one, is refused', async () => {
    await createMaskOnChain({
      signer,
      registry: deployment.registry,
      mask: {
        id: 'adults-only',
        name: 'Adults only',
        description: 'Proven 18+',
        k: 5,
        admission: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], trustedIssuers: ['1'] },
      },
    });
    expect(
      await codeOf(
        joinMaskOnChain({ signer: stranger, registry: deployment.registry, maskId: 'adults-only', holderSecret: 7n }),
      ),
    ).toBe('MASK_ADMISSION_REQUIRED');
    expect((await readMaskOnChain({ provider, registry: deployment.registry, maskId: 'adults-only' })).members).toBe(0);
    // Joining twice with one identity is refused too.
    expect(
      await codeOf(
        joinMaskOnChain({
          signer,
          registry: deployment.registry,
          maskId: 'new-cyclist',
          holderSecret: members[0] as bigint,
        }),
      ),
    ).toBe('MASK_ALREADY_MEMBER');
  });

  it('counts one contribution per member per epoch; refuses a second one and proofs for another mask or epoch', async () => {
    const registry = deployment.registry;
    const holderSecret = members[0] as bigint;
    const signal = { interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets'] };
    const first = await contributeOnChain({ signer, registry, maskId: 'new-cyclist', holderSecret, signal, artifacts });
    expect(first.gasUsed).toBeGreaterThan(200_000n);
    expect(
      await codeOf(contributeOnChain({ signer, registry, maskId: 'new-cyclist', holderSecret, signal, artifacts })),
    ).toBe('MASK_ALREADY_CONTRIBUTED');

    // A valid proof, but for the next epoch.
    const ahead = await prepareContribution({
      signer,
      registry,
      maskId: 'new-cyclist',
      holderSecret: members[1] as bigint,
      signal,
      artifacts,
      epoch: first.epoch + 1,
    });
    const contract = (await import('ethers')).Contract;
    const { MaskRegistry } = await import('@decdp/sdk/masks');
    const raw = new contract(registry, MaskRegistry.abi as never, signer);
    const submit = (maskId: string, prepared: typeof ahead) =>
      raw
        .getFunction('contribute')(maskId, prepared.signal.interests, prepared.signal.actions, prepared.proof)
        .catch((error: unknown) => {
          signer.reset(); // the refused call took a nonce
          throw maskChainError(error, 'Contributing');
        });
    expect(await codeOf(submit('new-cyclist', ahead))).toBe('PROOF_MISMATCH proof.scope');

    // A valid proof of this epoch for new-cyclist, sent to winter-sports.
    const elsewhere = await prepareContribution({
      signer,
      registry,
      maskId: 'new-cyclist',
      holderSecret: members[2] as bigint,
      signal,
      artifacts,
    });
    expect(await codeOf(submit('winter-sports', elsewhere))).toBe('PROOF_MISMATCH proof.scope');
    // Other labels than the proof's.
    expect(await codeOf(submit('new-cyclist', { ...elsewhere, signal: { interests: ['gravel'], actions: [] } }))).toBe(
      'PROOF_MISMATCH proof.message',
    );
    // The right one still counts: nothing above spent its nullifier.
    expect(await codeOf(submit('new-cyclist', elsewhere))).toBe('resolved');
  });

  it('shows a profile only for a closed epoch with at least k contributors, and only labels k of them named', async () => {
    const registry = deployment.registry;
    const maskId = 'winter-sports';
    await nextEpoch();
    const one = await contributeOnChain({
      signer,
      registry,
      maskId,
      holderSecret: members[0] as bigint,
      signal: { interests: ['skiing'] },
      artifacts,
    });
    expect(await codeOf(readMaskProfileOnChain({ provider, registry, maskId, epoch: one.epoch }))).toBe(
      'MASK_EPOCH_OPEN',
    );
    await nextEpoch();
    expect(await codeOf(readMaskProfileOnChain({ provider, registry, maskId, epoch: one.epoch }))).toBe(
      'MASK_PROFILE_BELOW_K',
    );

    let epoch = 0;
    for (const [index, holderSecret] of members.entries()) {
      const interests = index < 4 ? ['skiing', 'snowboards'] : ['skiing'];
      ({ epoch } = await contributeOnChain({
        signer,
        registry,
        maskId,
        holderSecret,
        signal: { interests },
        artifacts,
      }));
    }
    await nextEpoch();
    const profile = await readMaskProfileOnChain({ provider, registry, maskId, epoch });
    expect(profile.contributors).toBe(5);
    // "snowboards" was named by 4 < k = 5 members: not shown.
    expect(profile.interests).toEqual([{ label: 'skiing', count: 5 }]);
  });

  it('a member leaves by transaction; nobody else can remove them', async () => {
    const registry = deployment.registry;
    const maskId = 'new-cyclist';
    const holderSecret = members[4] as bigint;
    expect(await codeOf(leaveMaskOnChain({ signer: stranger, registry, maskId, holderSecret: 424242n }))).toBe(
      'MASK_NOT_MEMBER',
    );
    await leaveMaskOnChain({ signer: stranger, registry, maskId, holderSecret });
    expect((await readMaskOnChain({ provider, registry, maskId })).members).toBe(4);
    expect(await codeOf(leaveMaskOnChain({ signer, registry, maskId, holderSecret }))).toBe('MASK_NOT_MEMBER');
    // Below k, a contribution is refused before any proof is made.
    expect(
      await codeOf(
        contributeOnChain({
          signer,
          registry,
          maskId,
          holderSecret: members[3] as bigint,
          signal: { interests: ['road-bikes'] },
          artifacts,
        }),
      ),
    ).toBe('MASK_GROUP_TOO_SMALL');
  });
});
