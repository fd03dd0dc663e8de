// On-chain figures, from transaction receipts on a fresh anvil: a single claim (to a fresh recipient
// and to one that already holds the token), a batch of 16 claims (per claim), one proof
// verification as a transaction, deploying the four contracts, and the floor under a claim
// (the test-only FloorClaim with 1 to 4 public inputs).
// `npx node bench/chain.ts` prints them; bench/run.ts calls measureChain. Progress on stderr.
//
// The proofs are the committed real ones (contracts/test/fixtures/claim.json and batch.json, made
// by `npm run fixtures:contracts` from the current circuit): the chain's clock is moved to the
// proofs' time and the campaign lists the fixtures' statement hash. Every batch recipient is a
// fresh address (its first token balance: the dearest case).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CredentialVerifier,
  connectRewardPool,
  type Deployment,
  deployContracts,
  mined,
  mintRewardToken,
  poolInterface,
  registerIssuer,
} from '@decdp/sdk/chain';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Contract, ContractFactory, getAddress, id, JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { FIXTURE_SALT } from '../scripts/fixtureRequest.ts';
import { startAnvil } from '../scripts/system/startAnvil.ts';
import { log } from './stats.ts';

export type ChainFigures = {
  /** Gas of one claim transaction (receipt): verification, nullifier, transfer to a fresh recipient. */
  claim_gas: number;
  /** The same claim when the recipient already holds some of the token (its balance slot is not new). */
  claim_gas_existing_holder: number;
  /** Gas per claim of one claimBatch transaction of 16 claims (receipt / 16). */
  claim_gas_batched: number;
  /** Gas of one CredentialVerifier.verifyProof transaction (receipt). */
  verify_gas: number;
  /** Gas of the deployment transactions together (four contracts and the two Poseidon libraries). */
  deploy_gas: number;
  /** Gas of one createCampaign transaction, one issuer: on-chain statement hash (Poseidon), storage, budget pull. */
  campaign_create_gas: number;
  /** Public signals per proof (the circuit's nPublic). */
  public_signals: number;
} & Partial<Record<FloorFigure, number>>;

/** FloorClaim (contracts/test/floor) with k public inputs, to a fresh recipient and to a holder. */
type FloorFigure = `claim_floor_gas_k${1 | 2 | 3 | 4}` | `claim_floor_gas_existing_holder_k${1 | 2 | 3 | 4}`;

type SolidityProof = { a: string[]; b: string[][]; c: string[] };
type FixtureClaim = { proof: SolidityProof; signals: string[]; recipient: string };
type FixtureCampaign = {
  statementHash: string;
  issuerKeyHash: string;
  merchantScope: string;
  attributeId: string;
  operator: string;
  operandA: string;
  operandB: string;
  setHash: string;
  scope: string;
};

const fixtures = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures');
// Test contracts are not exported to the SDK; forge build (npm run build:contracts) writes this.
const floorArtifact = join(import.meta.dirname, '..', 'contracts', 'out', 'FloorClaim.sol', 'FloorClaim.json');

export async function measureChain(): Promise<ChainFigures> {
  const single = JSON.parse(await readFile(join(fixtures, 'claim.json'), 'utf8')) as FixtureClaim & {
    campaign: FixtureCampaign;
  };
  const batch = JSON.parse(await readFile(join(fixtures, 'batch.json'), 'utf8')) as { claims: FixtureClaim[] };
  const proofTime = Number(BigInt(single.signals[2] ?? 0) >> 160n);

  log('chain: starting anvil, deploying');
  const anvil = await startAnvil();
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  try {
    const signer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
    const deployment = await deployContracts({ signer });
    const deployGas = Object.values(deployment.gasUsed ?? {}).reduce((sum, gas) => sum + Number(gas), 0);
    await provider.send('evm_setNextBlockTimestamp', [proofTime]);
    await provider.send('evm_mine', []);
    const { pool, campaignId, createGas } = await openCampaign({ signer, deployment, single, proofTime });

    // A verify transaction's receipt (estimateGas would mislead: a precompile starved of gas makes
    // verifyProof return false, not revert, so the estimator settles on too little).
    const verifier = new Contract(deployment.verifier, CredentialVerifier.abi as never, signer);
    const verifyArgs = [single.proof.a, single.proof.b, single.proof.c, single.signals];
    if (!(await verifier.getFunction('verifyProof').staticCall(...verifyArgs)))
      throw new Error('fixture proof rejected');
    const verifyTx = await signer.sendTransaction({
      to: deployment.verifier,
      data: verifier.interface.encodeFunctionData('verifyProof', verifyArgs),
      gasLimit: 1_000_000,
    });
    const verifyGas = Number((await verifyTx.wait())?.gasUsed ?? 0);

    log('chain: one claim, a claim to a holder of the token, then a batch of 16');
    const claim = await mined(pool.claim(campaignId, single.proof.a, single.proof.b, single.proof.c, single.signals));
    // One more holder's proof for the same campaign, its recipient given some of the token first.
    const extra = batch.claims[16];
    if (!extra) throw new Error('batch.json needs 17 claims (npm run fixtures:contracts)');
    await mintRewardToken({ signer, token: deployment.token, to: extra.recipient, amount: 1n });
    const holderClaim = await mined(pool.claim(campaignId, extra.proof.a, extra.proof.b, extra.proof.c, extra.signals));
    const proofs = batch.claims.slice(0, 16).map((entry) => ({ ...entry.proof, signals: entry.signals }));
    const batched = await mined(
      pool.claimBatch(
        proofs.map(() => campaignId),
        proofs,
      ),
    );
    const paid = batched.logs.filter((entry) => poolInterface.parseLog(entry)?.name === 'Claimed');
    if (paid.length !== proofs.length) throw new Error(`the batch paid ${paid.length} of ${proofs.length} claims`);
    const floor = await measureFloor({ signer, token: deployment.token, single });
    return {
      claim_gas: Number(claim.gasUsed),
      claim_gas_existing_holder: Number(holderClaim.gasUsed),
      claim_gas_batched: Math.round(Number(batched.gasUsed) / proofs.length),
      verify_gas: verifyGas,
      deploy_gas: deployGas,
      campaign_create_gas: createGas,
      public_signals: single.signals.length,
      ...floor,
    };
  } finally {
    provider.destroy();
    await anvil.stop();
  }
}

/** Registers the fixture's issuer and opens a funded campaign paying for the fixture's statement. */
async function openCampaign(params: {
  signer: NonceManager;
  deployment: Deployment;
  single: FixtureClaim & { campaign: FixtureCampaign };
  proofTime: number;
}) {
  const { signer, deployment, single, proofTime } = params;
  await registerIssuer({
    signer,
    registry: deployment.registry,
    name: 'Fixture issuer',
    issuerKeyHash: BigInt(single.campaign.issuerKeyHash),
    publicKey: { x: 1n, y: 2n },
  });
  await mintRewardToken({ signer, token: deployment.token, to: await signer.getAddress(), amount: parseUnits('1000') });
  const pool = connectRewardPool(deployment.pool, signer);
  const token = new Contract(deployment.token, ['function approve(address,uint256) returns (bool)'], signer);
  await (await token.getFunction('approve')(deployment.pool, parseUnits('1000'))).wait();
  const { campaign } = single;
  const created = await mined(
    pool.createCampaign({
      token: deployment.token,
      rewardPerClaim: parseUnits('5'),
      budget: parseUnits('1000'),
      start: proofTime - 60,
      end: proofTime + 86_400,
      salt: FIXTURE_SALT,
      predicate: {
        attributeId: campaign.attributeId,
        operator: campaign.operator,
        operandA: campaign.operandA,
        operandB: campaign.operandB,
        setHash: campaign.setHash,
      },
      merchantScope: campaign.merchantScope,
      issuerKeyHashes: [campaign.issuerKeyHash],
      metadata: '0x',
    }),
  );
  const events = created.logs.map((entry) => poolInterface.parseLog(entry));
  const opened = events.find((event) => event?.name === 'CampaignCreated')?.args;
  // The pool hashes the statement over the scope it derives; the fixtures were proven for it.
  if (BigInt(opened?.scope ?? 0) !== BigInt(campaign.scope)) {
    throw new Error('the pool derived another scope than the fixtures (regenerate them: npm run fixtures:contracts)');
  }
  return { pool, campaignId: opened?.campaignId as bigint, createGas: Number(created.gasUsed) };
}

/**
 * The floor under a claim: FloorClaim does only the Groth16 check with k inputs, the nullifier and
 * the transfer (contracts/test/FloorClaim.t.sol computes the same from forge). The pairing result is
 * not enforced (its price does not depend on the points), so every case gets its own fresh recipient
 * and nullifier by editing the fixture's signals (the forge test checks the untouched proof passes).
 */
async function measureFloor(params: {
  signer: NonceManager;
  token: string;
  single: FixtureClaim;
}): Promise<Partial<Record<FloorFigure, number>>> {
  const { signer, single } = params;
  if (!existsSync(floorArtifact)) {
    // A fresh clone has no contracts/out/ (ignored by git): compile once (npm's solc, offline).
    log('chain: compiling the contracts for the FloorClaim artifact (forge build)');
    spawnSync(join(import.meta.dirname, '..', 'node_modules', '.bin', 'forge'), ['build', '--root', 'contracts'], {
      cwd: join(import.meta.dirname, '..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  let artifact: { abi: never; bytecode: { object: string } };
  try {
    artifact = JSON.parse(await readFile(floorArtifact, 'utf8'));
  } catch {
    log('chain: no FloorClaim artifact (`forge build --root contracts` failed?), floor figures skipped');
    return {};
  }
  log('chain: the floor, FloorClaim with 1 to 4 public inputs');
  const factory = new ContractFactory(artifact.abi, artifact.bytecode.object, signer);
  const floor = await (await factory.deploy(params.token)).waitForDeployment();
  const floorAddress = await floor.getAddress();
  await mintRewardToken({ signer, token: params.token, to: floorAddress, amount: parseUnits('1000') });
  const proof = [...single.proof.a, ...(single.proof.b[0] ?? []), ...(single.proof.b[1] ?? []), ...single.proof.c];
  const figures: Partial<Record<FloorFigure, number>> = {};
  for (const k of [1, 2, 3, 4] as const) {
    for (const holder of [false, true]) {
      const signals = single.signals.map(BigInt);
      const recipientAt = Math.min(2, k - 1);
      const recipient = getAddress(id(`floor recipient ${k} ${holder}`).slice(0, 42)); // fixed: same calldata each run
      signals[recipientAt] = (((signals[recipientAt] ?? 0n) >> 160n) << 160n) | BigInt(recipient);
      const nullifierAt = Math.min(1, k - 1);
      signals[nullifierAt] = (signals[nullifierAt] ?? 0n) ^ (BigInt(k * 2 + Number(holder)) << 200n);
      if (holder) await mintRewardToken({ signer, token: params.token, to: recipient, amount: 1n });
      const data = floor.interface.encodeFunctionData(`claim${k}`, [proof, signals.slice(0, k)]);
      // A fixed limit, not an estimate: a starved pairing call returns false here instead of reverting.
      const sent = await signer.sendTransaction({ to: floorAddress, data, gasLimit: 1_000_000 });
      const receipt = await sent.wait();
      if (receipt?.status !== 1) throw new Error(`FloorClaim.claim${k} reverted`);
      const figure: FloorFigure = holder ? `claim_floor_gas_existing_holder_k${k}` : `claim_floor_gas_k${k}`;
      figures[figure] = Number(receipt.gasUsed);
    }
  }
  return figures;
}

if (import.meta.main) {
  console.log(JSON.stringify(await measureChain(), null, 2));
}
