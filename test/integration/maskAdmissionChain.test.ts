// The mask registry checks admission proofs itself (docs/masks.md § On-chain), through the SDK with
// real credential proofs on anvil: any account may send a join with admission, and each way of
// cheating comes back as a typed error naming the field — the proofs moved to another commitment
// or mask, a replay, and an issuer revoked in the IssuerRegistry after the mask was created.
import { deployContracts, registerIssuer, revokeIssuerKey } from '@decdp/sdk/chain';
import {
  createMaskOnChain,
  deployMaskContracts,
  joinMaskWithAdmissionOnChain,
  maskDefinitionOfChainMask,
  maskIdentity,
  maskLeaveKey,
  proveMaskAdmission,
  readMaskOnChain,
} from '@decdp/sdk/masks';
import { makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

const GOVERNANCE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const STRANGER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';

let anvil: Anvil;
let provider: JsonRpcProvider;
let governance: NonceManager;
let stranger: NonceManager;
let registry: string;
let issuerRegistry: string;
let holder: Awaited<ReturnType<typeof makeHolder>>;

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; field?: string }) => (error.field ? `${error.code} ${error.field}` : error.code),
  );

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  governance = new NonceManager(new Wallet(GOVERNANCE_KEY, provider));
  stranger = new NonceManager(new Wallet(STRANGER_KEY, provider));
  issuerRegistry = (await deployContracts({ signer: governance, allowInsecureDevelopmentKey: true })).registry;
  holder = await makeHolder({ holderSecret: 313_131n });
  await registerIssuer({
    signer: governance,
    registry: issuerRegistry,
    issuerKeyHash: holder.issuer.keyHash,
    publicKey: holder.issuer.publicKey,
    name: holder.issuer.name,
  });
  registry = (await deployMaskContracts({ signer: governance, issuerRegistry })).registry;
  const admission = {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    trustedIssuers: [holder.issuer.keyHash.toString()],
  };
  for (const id of ['adults', 'grown-ups']) {
    await createMaskOnChain({
      signer: stranger,
      registry,
      mask: { id, name: id, description: 'age ≥ 18', k: 5, admission },
    });
  }
}, 240_000);

afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

async function admissionFor(person: Awaited<ReturnType<typeof makeHolder>>, maskId: string) {
  const mask = maskDefinitionOfChainMask(await readMaskOnChain({ provider, registry, maskId }));
  const block = await provider.getBlock('latest');
  const { admission } = await proveMaskAdmission({
    holderSecret: person.holderSecret,
    mask,
    credentials: person.credentials,
    artifacts: await loadNodeArtifacts(),
    nowSeconds: block?.timestamp ?? Math.floor(Date.now() / 1000),
  });
  return { admission, leaveKey: maskLeaveKey({ holderSecret: person.holderSecret, maskId }) };
}

describe('admission checked by the mask registry', () => {
  it('admits with valid proofs from any account, and refuses every way of moving or replaying them', async () => {
    const { admission, leaveKey } = await admissionFor(holder, 'adults');
    // Another commitment (someone else's identity) with this person's proofs.
    const other = maskIdentity({ holderSecret: 99n, maskId: 'adults' }).commitment.toString();
    expect(
      await codeOf(
        joinMaskWithAdmissionOnChain({
          signer: stranger,
          registry,
          admission: { ...admission, identityCommitment: other },
          leaveKey,
        }),
      ),
    ).toBe('PROOF_MISMATCH body.admission.identityCommitment');
    // The same proofs for another mask with the same predicate and issuer.
    expect(
      await codeOf(
        joinMaskWithAdmissionOnChain({
          signer: stranger,
          registry,
          admission: { ...admission, maskId: 'grown-ups' },
          leaveKey,
        }),
      ),
    ).toBe('PROOF_MISMATCH body.admission.proofs[0].publicSignals.statementHash');
    // No proof at all.
    expect(
      await codeOf(
        joinMaskWithAdmissionOnChain({ signer: stranger, registry, admission: { ...admission, proofs: [] }, leaveKey }),
      ),
    ).toBe('INVALID_INPUT body.admission.proofs');
    expect((await readMaskOnChain({ provider, registry, maskId: 'adults' })).members).toBe(0);

    await joinMaskWithAdmissionOnChain({ signer: stranger, registry, admission, leaveKey });
    expect((await readMaskOnChain({ provider, registry, maskId: 'adults' })).members).toBe(1);
    // Replayed, by anyone: one admission per person and mask.
    expect(await codeOf(joinMaskWithAdmissionOnChain({ signer: governance, registry, admission, leaveKey }))).toBe(
      'MASK_ALREADY_ADMITTED',
    );
  }, 180_000);

  it('refuses proofs from an issuer revoked after the mask was created', async () => {
    const { admission, leaveKey } = await admissionFor(holder, 'grown-ups');
    await revokeIssuerKey({ signer: governance, registry: issuerRegistry, issuerKeyHash: holder.issuer.keyHash });
    expect(await codeOf(joinMaskWithAdmissionOnChain({ signer: stranger, registry, admission, leaveKey }))).toBe(
      'ISSUER_NOT_TRUSTED body.admission.proofs[0].issuerKeyHash',
    );
    expect((await readMaskOnChain({ provider, registry, maskId: 'grown-ups' })).members).toBe(0);
  }, 180_000);
});
