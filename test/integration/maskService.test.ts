// The mask service over HTTP against a real chain (anvil, Semaphore v4, the MaskRegistry) with real
// proofs: the relayer joins (with admission proofs the registry checks), contributes and leaves for
// wallets from its own account, simulates each call first (so it pays for nothing refused), and is
// rate-limited; merchants post mask-targeted requests, members answer with a membership proof bound
// to the merchant's request and a per-merchant recipient, only the merchant reads the answers.

import { deployContracts, registerIssuer } from '@decdp/sdk/chain';
import {
  answerMaskRequest,
  createMaskOnChain,
  createMaskRequest,
  deployMaskContracts,
  joinMaskOnChain,
  listMaskRequests,
  type MaskArtifacts,
  type MaskDeployment,
  maskDefinitionOfChainMask,
  maskIdentity,
  postMaskRequest,
  prepareContribution,
  proveMaskAdmission,
  proveMaskWearing,
  readMaskAnswers,
  readMaskOnChain,
  relayMaskContribution,
  relayMaskJoin,
  relayMaskLeave,
  sendMaskAnswer,
  verifyMaskAnswer,
  verifyMaskWearing,
} from '@decdp/sdk/masks';
import { createMaskService, loadMaskArtifacts } from '@decdp/sdk/masks/node';
import { openSqliteStore, serveHttp } from '@decdp/sdk/merchant/node';
import { makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

const CREATOR_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const RELAYER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
const MERCHANT_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const K = 5;
const person = 424242n;

let anvil: Anvil;
let provider: JsonRpcProvider;
let creator: NonceManager;
let relayerAddress: string;
let deployment: MaskDeployment;
let artifacts: MaskArtifacts;
let service: { url: string; close(): Promise<void> };
let strict: { url: string; close(): Promise<void> };

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; field?: string }) => (error.field ? `${error.code} ${error.field}` : error.code),
  );

beforeAll(async () => {
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  creator = new NonceManager(new Wallet(CREATOR_KEY, provider));
  relayerAddress = new Wallet(RELAYER_KEY).address;
  // The IssuerRegistry the mask registry asks about admission proofs' issuers, with the demo issuer.
  const core = await deployContracts({ signer: creator, allowInsecureDevelopmentKey: true });
  const holder = await makeHolder({ holderSecret: person });
  await registerIssuer({
    signer: creator,
    registry: core.registry,
    issuerKeyHash: holder.issuer.keyHash,
    publicKey: holder.issuer.publicKey,
    name: holder.issuer.name,
  });
  deployment = await deployMaskContracts({ signer: creator, issuerRegistry: core.registry });
  artifacts = await loadMaskArtifacts();
  const registry = deployment.registry;
  for (const id of ['open-riders', 'other-riders']) {
    await createMaskOnChain({ signer: creator, registry, mask: { id, name: id, description: 'test', k: K } });
    // other-riders is big enough to contribute to; open-riders waits for the person's join.
    for (let member = 1; member < (id === 'open-riders' ? K : K + 1); member++) {
      await joinMaskOnChain({ signer: creator, registry, maskId: id, holderSecret: 7_000n + BigInt(member) });
    }
  }
  await createMaskOnChain({
    signer: creator,
    registry,
    mask: {
      id: 'proven-adults',
      name: 'Proven adults',
      description: 'age ≥ 18',
      k: K,
      admission: {
        predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
        trustedIssuers: [holder.issuer.keyHash.toString()],
      },
    },
  });
  const options = {
    store: openSqliteStore({ path: ':memory:' }),
    signer: new NonceManager(new Wallet(RELAYER_KEY, provider)),
    registry,
    allowedOrigins: ['http://localhost'],
    logger: (await import('pino')).default({ level: 'error' }),
  };
  service = await serveHttp({ app: createMaskService(options) });
  strict = await serveHttp({ app: createMaskService({ ...options, rateLimit: { max: 2 } }) });
}, 240_000);

afterAll(async () => {
  await service?.close();
  await strict?.close();
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

describe('the mask relayer', () => {
  it('joins an open mask from its own account: the transaction carries no address of the person', async () => {
    const joined = await relayMaskJoin({ service: service.url, maskId: 'open-riders', holderSecret: person });
    const tx = await provider.getTransaction(joined.txHash);
    expect(tx?.from).toBe(relayerAddress);
    expect(joined.identityCommitment).toBe(
      maskIdentity({ holderSecret: person, maskId: 'open-riders' }).commitment.toString(),
    );
    expect((await readMaskOnChain({ provider, registry: deployment.registry, maskId: 'open-riders' })).members).toBe(K);
  });

  it('refuses what the chain would refuse before paying for it: joining twice costs the relayer nothing', async () => {
    const before = await provider.getBalance(relayerAddress);
    expect(await codeOf(relayMaskJoin({ service: service.url, maskId: 'open-riders', holderSecret: person }))).toBe(
      'MASK_ALREADY_MEMBER',
    );
    expect(await provider.getBalance(relayerAddress)).toBe(before);
    expect(await codeOf(relayMaskJoin({ service: service.url, maskId: 'no-such-mask', holderSecret: person }))).toBe(
      'NOT_FOUND maskId',
    );
  });

  it('admits to a mask with admission only with a valid admission proof', async () => {
    const registry = deployment.registry;
    expect(await codeOf(relayMaskJoin({ service: service.url, maskId: 'proven-adults', holderSecret: person }))).toBe(
      'MASK_ADMISSION_REQUIRED body.admission',
    );
    const mask = maskDefinitionOfChainMask(await readMaskOnChain({ provider, registry, maskId: 'proven-adults' }));
    const holder = await makeHolder({ holderSecret: person });
    const { admission } = await proveMaskAdmission({
      holderSecret: person,
      mask,
      credentials: holder.credentials,
      artifacts: await loadNodeArtifacts(),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    // The proofs of one commitment do not admit another one.
    expect(
      await codeOf(
        relayMaskJoin({ service: service.url, maskId: 'proven-adults', holderSecret: person + 1n, admission }),
      ),
    ).toBe('PROOF_MISMATCH body.admission.identityCommitment');
    const admitted = await relayMaskJoin({
      service: service.url,
      maskId: 'proven-adults',
      holderSecret: person,
      admission,
    });
    expect(admitted.admitted).toBe(true);
    expect((await readMaskOnChain({ provider, registry, maskId: 'proven-adults' })).members).toBe(1);
  }, 120_000);

  it('relays one contribution per member per epoch; refuses a second one and proofs for another mask or epoch', async () => {
    const registry = deployment.registry;
    const signal = { interests: ['road-bikes'], actions: [] };
    const prepared = await prepareContribution({
      signer: provider,
      registry,
      maskId: 'open-riders',
      holderSecret: person,
      signal,
      artifacts,
    });
    const contribution = {
      version: 1 as const,
      maskId: 'open-riders',
      epoch: prepared.epoch,
      signal: prepared.signal,
      proof: prepared.proof,
    };
    // Sent to another mask's route: the registry's scope check refuses it.
    expect(
      await codeOf(
        relayMaskContribution({ service: service.url, contribution: { ...contribution, maskId: 'other-riders' } }),
      ),
    ).toBe('PROOF_MISMATCH proof.scope');
    const sent = await relayMaskContribution({ service: service.url, contribution });
    expect((await provider.getTransaction(sent.txHash))?.from).toBe(relayerAddress);
    expect(await codeOf(relayMaskContribution({ service: service.url, contribution }))).toBe(
      'MASK_ALREADY_CONTRIBUTED',
    );
    // A proof made for the next epoch.
    const ahead = await prepareContribution({
      signer: provider,
      registry,
      maskId: 'open-riders',
      holderSecret: 7_001n,
      signal,
      artifacts,
      epoch: prepared.epoch + 1,
    });
    expect(
      await codeOf(
        relayMaskContribution({
          service: service.url,
          contribution: {
            version: 1,
            maskId: 'open-riders',
            epoch: ahead.epoch,
            signal: ahead.signal,
            proof: ahead.proof,
          },
        }),
      ),
    ).toBe('PROOF_MISMATCH proof.scope');
    // Bad input names its field.
    expect(
      await codeOf(
        relayMaskContribution({
          service: service.url,
          contribution: { ...contribution, signal: { interests: ['Not A Label'], actions: [] } },
        }),
      ),
    ).toMatch(/^INVALID_INPUT contribution\.signal\.interests/);
  }, 120_000);

  it('is rate-limited per client', async () => {
    const tries = [1n, 2n, 3n].map((secret) =>
      codeOf(relayMaskJoin({ service: strict.url, maskId: 'no-such-mask', holderSecret: secret })),
    );
    // Two get an answer, the third (whichever arrives last) is refused.
    expect((await Promise.all(tries)).sort()).toEqual(['NOT_FOUND maskId', 'NOT_FOUND maskId', 'RATE_LIMITED']);
  });
});

describe('requests to a mask’s members', () => {
  it('are answered with a membership proof bound to the merchant’s request and a per-merchant recipient', async () => {
    const registry = deployment.registry;
    const merchant = new Wallet(MERCHANT_KEY);
    const nowSeconds = Math.floor(Date.now() / 1000);
    const signedRequest = await createMaskRequest({
      signer: merchant,
      merchantName: 'Test Bikes',
      maskId: 'open-riders',
      purpose: 'Would you test-ride our city bike?',
      reward: { token: '0x5FbDB2315678afecb367f032d93F642f64180aa3', amount: 5n },
    });
    await postMaskRequest({ service: service.url, signedRequest });
    // A forged request is refused.
    expect(
      await codeOf(
        postMaskRequest({
          service: service.url,
          signedRequest: { ...signedRequest, request: { ...signedRequest.request, purpose: 'changed' } },
        }),
      ),
    ).toBe('SIGNATURE_INVALID signature');
    const listed = await listMaskRequests({ service: service.url, maskId: 'open-riders' });
    expect(listed.map((signed) => signed.request.id)).toEqual([signedRequest.request.id]);

    const recipient = Wallet.createRandom().address;
    const answer = await answerMaskRequest({
      provider,
      registry,
      signedRequest,
      holderSecret: person,
      recipient,
      artifacts,
      nowSeconds,
    });
    expect(answer.recipient).toBe(recipient);
    // Moved to another recipient, the proof no longer holds.
    expect(
      await codeOf(
        sendMaskAnswer({ service: service.url, answer: { ...answer, recipient: Wallet.createRandom().address } }),
      ),
    ).toBe('PROOF_MISMATCH answer.proof.message');
    await sendMaskAnswer({ service: service.url, answer });
    expect(await codeOf(sendMaskAnswer({ service: service.url, answer }))).toBe(
      'NULLIFIER_REUSED answer.proof.nullifier',
    );

    // Another request: the first answer's proof does not answer it.
    const other = await createMaskRequest({
      signer: merchant,
      merchantName: 'Test Bikes',
      maskId: 'open-riders',
      purpose: 'Another question',
    });
    await postMaskRequest({ service: service.url, signedRequest: other });
    expect(
      await codeOf(
        sendMaskAnswer({ service: service.url, answer: { ...answer, requestId: other.request.id, recipient: null } }),
      ),
    ).toBe('PROOF_MISMATCH answer.proof.scope');
    // Someone who does not wear the mask cannot answer.
    expect(
      await codeOf(
        answerMaskRequest({ provider, registry, signedRequest: other, holderSecret: 99n, artifacts, nowSeconds }),
      ),
    ).toBe('MASK_NOT_MEMBER');

    // Only the merchant reads the answers, and checks them itself (the service is not trusted).
    expect(
      await codeOf(
        readMaskAnswers({ service: service.url, signer: Wallet.createRandom(), requestId: signedRequest.request.id }),
      ),
    ).toBe('UNAUTHORIZED header.x-decdp-signature');
    const read = await readMaskAnswers({ service: service.url, signer: merchant, requestId: signedRequest.request.id });
    expect(read).toHaveLength(1);
    const verified = await verifyMaskAnswer({ provider, registry, signedRequest, answer: read[0], nowSeconds });
    expect(verified.recipient).toBe(recipient);
  }, 120_000);
});

describe('a mask as an offer context', () => {
  it('a shop learns that a visitor wears the mask for its own fresh challenge, never who', async () => {
    const registry = deployment.registry;
    const merchantAddress = new Wallet(MERCHANT_KEY).address;
    const challenge = 'visit-7f3a';
    const wearing = await proveMaskWearing({
      provider,
      registry,
      maskId: 'open-riders',
      holderSecret: person,
      merchantAddress,
      challenge,
      artifacts,
    });
    expect(await verifyMaskWearing({ provider, registry, merchantAddress, challenge, wearing })).toEqual({
      maskId: 'open-riders',
    });
    // Replayed at another visit or shop, or claimed for another mask: refused.
    expect(
      await codeOf(verifyMaskWearing({ provider, registry, merchantAddress, challenge: 'visit-other', wearing })),
    ).toBe('PROOF_MISMATCH wearing.proof.scope');
    expect(
      await codeOf(
        verifyMaskWearing({
          provider,
          registry,
          merchantAddress,
          challenge,
          wearing: { ...wearing, maskId: 'other-riders' },
        }),
      ),
    ).toBe('PROOF_MISMATCH wearing.proof.message');
  }, 120_000);
});

describe('leaving', () => {
  it('goes through the relayer with the leave secret; the group shrinks', async () => {
    const registry = deployment.registry;
    await relayMaskLeave({ service: service.url, provider, registry, maskId: 'open-riders', holderSecret: person });
    expect((await readMaskOnChain({ provider, registry, maskId: 'open-riders' })).members).toBe(K - 1);
    expect(
      await codeOf(
        relayMaskLeave({ service: service.url, provider, registry, maskId: 'open-riders', holderSecret: person }),
      ),
    ).toBe('MASK_NOT_MEMBER');
  });
});
