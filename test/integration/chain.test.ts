// Real anvil, real contracts, real proofs: a relayer claims for consumers (one by one and in a
// batch), who get paid once; every refusal comes back as a ChainError with the contract's error
// name and the DeCDP code: wrong campaign, stale proof, paused, exhausted, revoked issuer, reused
// nullifier, redirected reward, malformed proof bytes. Campaign management: top up, pause, withdraw.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDeployedKey, reconcilePayouts } from '@decdp/sdk/auditor';
import {
  type ClaimInput,
  claimReward,
  claimRewardBatch,
  type Deployment,
  isIssuerTrusted,
  mined,
  pauseCampaign,
  RewardPool,
  readCampaign,
  readCampaignStatement,
  readTokenBalance,
  revokeIssuerKey,
  topUpCampaign,
  unpauseCampaign,
  verifierKeyConstants,
  withdrawCampaign,
} from '@decdp/sdk/chain';
import { readDeployment } from '@decdp/sdk/chain/node';
import { ChainError } from '@decdp/sdk/errors';
import type { LightRecord } from '@decdp/sdk/merchant';
import { packRecipientAndTime, requestDigest, SIGNAL_INDEX, unpackRecipientAndTime } from '@decdp/sdk/protocol';
import { makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { checkRequestReward, proveRequest, readRewardOutlook } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { getBytes, Interface, JsonRpcProvider, type NonceManager, type PerformActionRequest, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployToRpc } from '../../scripts/deploy-contracts.ts';
import type { Anvil } from '../../scripts/system/startAnvil.ts';
import { type Campaign, REWARD, type RequestReward, type RewardChain, startRewardChain } from './rewardChain.ts';

let chain: RewardChain;
let anvil: Anvil;
let provider: JsonRpcProvider;
let relayer: NonceManager;
let deployment: Deployment;
let campaign: Campaign;
let holder: RewardChain['holder'];
const newCampaign = (options: { budget?: bigint; end?: number } = {}) => chain.newCampaign(options);
const chainNow = () => chain.chainNow();

beforeAll(async () => {
  chain = await startRewardChain();
  ({ anvil, provider, relayer, deployment, holder } = chain);
  campaign = await newCampaign();
}, 60_000);
afterAll(async () => {
  await releaseProverThreads();
  await chain?.stop();
});

/** A proof from a fresh holder (each holder has one nullifier per campaign). */
async function proveFor(target: Campaign, options: { recipient?: string; now?: number } = {}): Promise<ClaimInput> {
  const now = options.now ?? (await chainNow());
  const person = await makeHolder({ holderSecret: BigInt(Wallet.createRandom().privateKey) >> 8n, now: now - 60 });
  const signedRequest = await chain.rewardedRequest({ campaign: target, purpose: 'Adults get 5 DCDP', now: now - 1 });
  const bundle = await proveRequest({
    signedRequest,
    credentials: person.credentials,
    holderSecret: person.holderSecret,
    recipient: options.recipient ?? Wallet.createRandom().address,
    artifacts: await loadNodeArtifacts(),
    now,
  });
  const entry = bundle.proofs[0];
  if (!entry) throw new Error('no proof');
  return { campaignId: target.campaignId, proof: entry.proof, publicSignals: entry.publicSignals };
}

async function refusal(promise: Promise<unknown>): Promise<{ errorName: string | undefined; code: string }> {
  try {
    await promise;
    return { errorName: 'no error', code: 'none' };
  } catch (error) {
    expect(error).toBeInstanceOf(ChainError);
    return { errorName: (error as ChainError).errorName, code: (error as ChainError).code };
  }
}

const claim = (input: ClaimInput) => claimReward({ signer: relayer, pool: deployment.pool, ...input });
const balanceOf = (owner: string) => readTokenBalance({ runner: provider, token: deployment.token, owner });

describe('RewardPool on anvil with real proofs', () => {
  it('pays the bound recipient once, whoever relays', async () => {
    const consumer = Wallet.createRandom().address;
    const input = await proveFor(campaign, { recipient: consumer });
    const statementHash = BigInt(input.publicSignals[SIGNAL_INDEX.statementHash] ?? 0);
    const named = { runner: provider, pool: deployment.pool, statementHash };
    expect(await readCampaignStatement({ ...named, campaignId: campaign.campaignId })).toEqual({
      issuerKeyHash: holder.issuer.keyHash,
    });
    expect(await readCampaignStatement({ ...named, campaignId: 999n })).toBeNull();
    const result = await claim(input);
    expect(result.recipient.toLowerCase()).toBe(consumer.toLowerCase());
    expect(await balanceOf(consumer)).toBe(REWARD);
    expect(result.gasUsed).toBeGreaterThan(200_000n);

    expect(await refusal(claim(input))).toEqual({ errorName: 'NullifierUsed', code: 'NULLIFIER_REUSED' });
    expect(await balanceOf(consumer)).toBe(REWARD);
  });

  it("wallet: readRewardOutlook finds the person's own claim by its (domain-tagged) nullifier", async () => {
    const now = await chainNow();
    const person = await makeHolder({ holderSecret: 777_777n, now: now - 60 });
    const signedRequest = await chain.rewardedRequest({ campaign, purpose: 'Adults get 5 DCDP', now: now - 1 });
    const outlook = () =>
      readRewardOutlook({
        signedRequest,
        runner: provider,
        pool: deployment.pool,
        holderSecret: person.holderSecret,
        now,
      });
    expect(await outlook()).toEqual({ state: 'payable' });
    const bundle = await proveRequest({
      signedRequest,
      credentials: person.credentials,
      holderSecret: person.holderSecret,
      recipient: Wallet.createRandom().address,
      artifacts: await loadNodeArtifacts(),
      now,
    });
    const entry = bundle.proofs[0];
    if (!entry) throw new Error('no proof');
    await claim({ campaignId: campaign.campaignId, proof: entry.proof, publicSignals: entry.publicSignals });
    expect((await outlook())?.state).toBe('claimed');
  });

  it('refuses a front-run that redirects the reward', async () => {
    const input = await proveFor(campaign);
    const attacker = Wallet.createRandom().address;
    const signals = [...input.publicSignals];
    const { now } = unpackRecipientAndTime(BigInt(signals[SIGNAL_INDEX.recipientAndTime] ?? 0));
    signals[SIGNAL_INDEX.recipientAndTime] = packRecipientAndTime({ recipient: BigInt(attacker), now }).toString();
    expect(await refusal(claim({ ...input, publicSignals: signals }))).toEqual({
      errorName: 'InvalidProof',
      code: 'PROOF_INVALID',
    });
    expect(await balanceOf(attacker)).toBe(0n);
  });

  it('refuses malformed proof bytes, another campaign and an unknown one', async () => {
    const input = await proveFor(campaign);
    const broken = { ...input, proof: { ...input.proof, pi_a: ['1', '2', '1'] } };
    expect((await refusal(claim(broken))).errorName).toBe('InvalidProof');
    const notOnCurve = { ...input, proof: { ...input.proof, pi_a: ['1', '3', '1'] } };
    expect((await refusal(claim(notOnCurve))).errorName).toBe('InvalidProof');

    const other = await newCampaign();
    expect(await refusal(claim({ ...input, campaignId: other.campaignId }))).toEqual({
      errorName: 'StatementNotInCampaign',
      code: 'PROOF_MISMATCH',
    });
    expect(await refusal(claim({ ...input, campaignId: 999n }))).toEqual({
      errorName: 'CampaignNotFound',
      code: 'CAMPAIGN_NOT_FOUND',
    });
    await claim(input); // the genuine claim still works
  });

  it('refuses a stale proof and one from the future', async () => {
    const now = await chainNow();
    const stale = await proveFor(campaign, { now: now - 2 * 3600 });
    expect(await refusal(claim(stale))).toEqual({ errorName: 'ProofTooOld', code: 'PROOF_MISMATCH' });
    const future = await proveFor(campaign, { now: now + 3600 });
    expect((await refusal(claim(future))).errorName).toBe('ProofFromFuture');
  });

  it('pauses, unpauses and tops up; an exhausted campaign refuses', async () => {
    const small = await newCampaign({ budget: REWARD });
    const first = await proveFor(small);
    const second = await proveFor(small);
    await pauseCampaign({ signer: relayer, pool: deployment.pool, campaignId: small.campaignId });
    expect(await refusal(claim(first))).toEqual({ errorName: 'CampaignIsPaused', code: 'CAMPAIGN_PAUSED' });
    expect((await readCampaign({ runner: provider, pool: deployment.pool, ...small })).paused).toBe(true);
    await unpauseCampaign({ signer: relayer, pool: deployment.pool, campaignId: small.campaignId });
    await claim(first);
    expect(await refusal(claim(second))).toEqual({ errorName: 'BudgetExhausted', code: 'BUDGET_EXHAUSTED' });
    const { funded } = await topUpCampaign({
      signer: relayer,
      pool: deployment.pool,
      campaignId: small.campaignId,
      amount: REWARD,
    });
    expect(funded).toBe(REWARD);
    await claim(second);
    expect((await readCampaign({ runner: provider, pool: deployment.pool, ...small })).remaining).toBe(0n);

    const stranger = new Wallet(Wallet.createRandom().privateKey, provider);
    expect(
      await refusal(pauseCampaign({ signer: stranger, pool: deployment.pool, campaignId: small.campaignId })),
    ).toEqual({ errorName: 'NotCampaignCreator', code: 'NOT_AUTHORIZED' });
  });

  it('pays a batch in one transaction and reports the claims it skipped', async () => {
    const inputs = await Promise.all([proveFor(campaign), proveFor(campaign), proveFor(campaign)]);
    await claim(inputs[1] as ClaimInput); // already paid: the batch skips it
    const result = await claimRewardBatch({ signer: relayer, pool: deployment.pool, claims: inputs });
    expect(result.paid.map((entry) => entry.index).sort()).toEqual([0, 2]);
    expect(result.rejected).toEqual([
      { index: 1, errorName: 'NullifierUsed', detail: BigInt(inputs[1]?.publicSignals[1] ?? 0) },
    ]);
    for (const entry of result.paid) expect(await balanceOf(entry.recipient)).toBe(REWARD);

    const more = await Promise.all([proveFor(campaign), proveFor(campaign)]);
    const tampered = [...(more[1]?.publicSignals ?? [])];
    tampered[SIGNAL_INDEX.nullifier] = (BigInt(tampered[SIGNAL_INDEX.nullifier] ?? 0) + 1n).toString();
    const bad = { ...(more[1] as ClaimInput), publicSignals: tampered };
    expect(
      await refusal(claimRewardBatch({ signer: relayer, pool: deployment.pool, claims: [more[0] as ClaimInput, bad] })),
    ).toEqual({ errorName: 'InvalidProof', code: 'PROOF_INVALID' });
  });

  it('auditor: reconcilePayouts matches payouts to light records by nullifier, and reports both kinds of gap', async () => {
    const fromBlock = (await provider.getBlockNumber()) + 1;
    const target = await newCampaign();
    const first = await proveFor(target);
    const second = await proveFor(target);
    const paid = await claimReward({ signer: relayer, pool: deployment.pool, ...first });
    await claimReward({ signer: relayer, pool: deployment.pool, ...second });
    const record = (id: number, nullifier: string, rewardTx: string | null): LightRecord => ({
      id,
      pseudonym: '1',
      requestId: 'r',
      predicates: ['age ≥ 18'],
      proofHash: `0x${'00'.repeat(32)}`,
      issuerKeyHashes: [holder.issuer.keyHash.toString()],
      nullifier,
      createdAt: 0,
      expiresAt: 1,
      consentReceipt: null,
      rewardTx,
      revokedAt: null,
    });
    const records = [
      record(1, String(first.publicSignals[SIGNAL_INDEX.nullifier]), paid.txHash),
      // Says it was paid, but the pool never paid this nullifier.
      record(2, '12345', paid.txHash),
    ];
    const pool = { address: deployment.pool, interface: new Interface(RewardPool.abi) };
    const audit = await reconcilePayouts({ provider, pool, records, fromBlock });
    expect(audit.payouts).toHaveLength(2);
    expect(audit.totals).toEqual({ [target.campaignId.toString()]: (2n * REWARD).toString() });
    expect(audit.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['PAYOUT_WITHOUT_RECORD', 'warning'],
      ['RECORDED_PAYOUT_NOT_ON_CHAIN', 'error'],
    ]);
    expect(audit.ok).toBe(false);
    const strict = await reconcilePayouts({ provider, pool, records: records.slice(0, 1), fromBlock, strict: true });
    expect(strict.findings.map((finding) => finding.severity)).toEqual(['error']);
  });

  it('auditor: checkDeployedKey finds the committed key in the deployed verifier and pool, and only it', async () => {
    const { verificationKey } = await loadNodeArtifacts();
    const audit = await checkDeployedKey({ provider, deployment, verificationKey });
    expect(audit).toMatchObject({ ok: true, findings: [] });
    expect(audit.checked).toBe(2 * verifierKeyConstants(verificationKey).length + 1);

    // Another key: one IC coordinate differs, as a verifier built for another circuit would.
    const other = structuredClone(verificationKey) as { IC: string[][] };
    other.IC[4] = [other.IC[4]?.[0] ?? '0', '1234567890123456789'];
    const mismatch = await checkDeployedKey({ provider, deployment, verificationKey: other });
    expect(mismatch.findings.map((finding) => [finding.code, finding.where])).toEqual([
      ['DEPLOYED_KEY_MISMATCH', deployment.verifier],
      ['DEPLOYED_KEY_MISMATCH', deployment.pool],
    ]);
    expect(mismatch.findings[0]?.message).toContain('IC4_Y');

    // The token in the verifier's place lacks every number; an empty address has no code.
    const token = await checkDeployedKey({
      provider,
      deployment: { ...deployment, verifier: deployment.token },
      verificationKey,
    });
    expect(token.findings.map((finding) => finding.code)).toEqual(['DEPLOYED_KEY_MISMATCH']);
    const empty = await checkDeployedKey({
      provider,
      deployment: { ...deployment, verifier: Wallet.createRandom().address },
      verificationKey,
    });
    expect(empty.findings.map((finding) => finding.code)).toEqual(['NO_CONTRACT_CODE']);
    // The pool itself carries the key (it checks single claims inline) but batches through the real verifier.
    const swapped = await checkDeployedKey({
      provider,
      deployment: { ...deployment, verifier: deployment.pool },
      verificationKey,
    });
    expect(swapped.findings.map((finding) => finding.code)).toEqual(['POOL_VERIFIER_MISMATCH']);

    // The same from a shell: decdp-audit deployed, exit 0 and one JSON report.
    const dir = await mkdtemp(join(tmpdir(), 'decdp-audit-'));
    try {
      const file = join(dir, 'deployment.json');
      await writeFile(file, JSON.stringify(deployment));
      const cli = join(import.meta.dirname, '..', '..', 'sdk', 'src', 'auditor', 'cli.ts');
      const run = spawnSync(
        process.execPath,
        [cli, 'deployed', '--rpc', anvil.rpcUrl, '--deployment', file, '--json'],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ subject: 'deployed verification key', ok: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('wallet: checkRequestReward accepts the real campaign and refuses a reward that names another scope, pool, chain or token', async () => {
    const now = await chainNow();
    const honest = await chain.rewardedRequest({ campaign, purpose: 'Adults get 5 DCDP', now });
    const wallet = { runner: provider, chainId: deployment.chainId, pool: deployment.pool };
    await expect(checkRequestReward({ signedRequest: honest, ...wallet })).resolves.toBeUndefined();
    const other = await newCampaign();
    const lying = async (reward: Partial<NonNullable<typeof honest.request.reward>>) => {
      const request = { ...honest.request, reward: { ...(honest.request.reward as RequestReward), ...reward } };
      return { request, signature: await merchantSigner().signMessage(getBytes(requestDigest(request))) };
    };
    // Another campaign's scope: the proof would hand the merchant the person's nullifier there.
    for (const [reward, field] of [
      [{ scope: other.scope.toString() }, 'request.reward.scope'],
      [{ pool: deployment.token }, 'request.reward.pool'],
      [{ chainId: 1 }, 'request.reward.chainId'],
      [{ token: deployment.pool }, 'request.reward.token'],
    ] as const) {
      await expect(checkRequestReward({ signedRequest: await lying(reward), ...wallet })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        field,
      });
    }
    await expect(
      checkRequestReward({ signedRequest: await lying({ campaignId: '999' }), ...wallet }),
    ).rejects.toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
  });

  it('stops paying once the issuer key is revoked', async () => {
    const input = await proveFor(campaign);
    await revokeIssuerKey({ signer: relayer, registry: deployment.registry, issuerKeyHash: holder.issuer.keyHash });
    expect(
      await isIssuerTrusted({ runner: provider, registry: deployment.registry, issuerKeyHash: holder.issuer.keyHash }),
    ).toBe(false);
    expect(await refusal(claim(input))).toEqual({ errorName: 'IssuerNotTrusted', code: 'ISSUER_NOT_TRUSTED' });
  });

  it('lets the creator withdraw what is left after the end, not before', async () => {
    const before = await readCampaign({ runner: provider, pool: deployment.pool, ...campaign });
    expect(await refusal(withdrawCampaign({ signer: relayer, pool: deployment.pool, ...campaign }))).toEqual({
      errorName: 'CampaignNotEnded',
      code: 'CAMPAIGN_NOT_ENDED',
    });
    await provider.send('evm_increaseTime', [3600]);
    await provider.send('evm_mine', []);
    const { amount } = await withdrawCampaign({ signer: relayer, pool: deployment.pool, ...campaign });
    expect(amount).toBe(before.remaining);
    expect((await readCampaign({ runner: provider, pool: deployment.pool, ...campaign })).remaining).toBe(0n);
  });

  it('deploys from an RPC URL and a key, and the SDK reads the deployment file', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'decdp-deploy-'));
    try {
      const key = Wallet.createRandom().privateKey;
      const deployer = new Wallet(key).address;
      await provider.send('anvil_setBalance', [deployer, '0x56BC75E2D63100000']); // 100 ETH
      const { deployment: deployed, file } = await deployToRpc({ rpcUrl: anvil.rpcUrl, privateKey: key, outDir });
      expect(file).toBe(join(outDir, '31337.json'));
      // The SDK's chain layer reads the core contracts; the mask contracts' `masks` key is read by
      // the masks role (test/integration/deployContracts.test.ts).
      const { masks, ...core } = deployed;
      expect(masks.registry).toMatch(/^0x[0-9a-fA-F]{40}$/);
      const read = await readDeployment({ file });
      expect(read).toEqual(core);
      expect(await provider.getCode(read.pool)).not.toBe('0x');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

describe('mined', () => {
  // ethers' tx.wait() missed such a transaction and waited for a next block that anvil (mining only
  // when a transaction comes) never made: the docs quickstart hung so under load. Here the block
  // comes right after the first receipt read, deterministically: with automine off, the provider
  // mines during that read, which still answers "not yet" (and ethers keeps that answer 250 ms).
  it('sees a transaction mined between the first receipt read and the first block-number read', async () => {
    class MinesDuringFirstReceiptRead extends JsonRpcProvider {
      armed = false;
      override async _perform(request: PerformActionRequest) {
        const result = await super._perform(request);
        if (this.armed && request.method === 'getTransactionReceipt') {
          this.armed = false;
          await this.send('evm_mine', []);
        }
        return result;
      }
    }
    const racing = new MinesDuringFirstReceiptRead(anvil.rpcUrl, undefined, {
      staticNetwork: true,
      pollingInterval: 50,
    });
    const payer = Wallet.createRandom().connect(provider);
    await provider.send('anvil_setBalance', [payer.address, '0x56BC75E2D63100000']);
    await provider.send('evm_setAutomine', [false]);
    try {
      const { hash } = await payer.sendTransaction({ to: payer.address, value: 1n });
      const sent = await racing.getTransaction(hash);
      if (!sent) throw new Error('the transaction is not in the pool');
      racing.armed = true;
      const receipt = await mined(sent);
      expect(receipt.hash).toBe(hash);
      expect(receipt.blockNumber).toBe(await provider.getBlockNumber());
    } finally {
      await provider.send('evm_setAutomine', [true]);
      racing.destroy();
    }
  }, 30_000);
});
