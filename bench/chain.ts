// On-chain figures, from transaction receipts on a fresh anvil: a single claim, a batch of 16
// claims (per claim), one proof verification as a transaction, and deploying the four contracts.
// `npx node bench/chain.ts` prints them; bench/run.ts calls measureChain. Progress on stderr.
//
// The proofs are the committed real ones (contracts/test/fixtures/claim.json and batch.json, made
// by `npm run fixtures:contracts` from the current circuit): the chain's clock is moved to the
// proofs' time and the campaign lists the fixtures' statement hash. Every batch recipient is a
// fresh address (its first token balance: the dearest case).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Contract, JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { startAnvil } from '../scripts/system/startAnvil.ts';
import { mined, poolInterface } from '../sdk/src/chain/campaigns.ts';
import { CredentialVerifier, connectRewardPool } from '../sdk/src/chain/contracts.generated.ts';
import { deployContracts } from '../sdk/src/chain/deployContracts.ts';
import { registerIssuer } from '../sdk/src/chain/issuers.ts';
import { mintRewardToken } from '../sdk/src/chain/tokens.ts';
import { MERCHANT_PRIVATE_KEY } from '../sdk/src/testing/demo.ts';
import { log } from './stats.ts';

export type ChainFigures = {
  /** Gas of one claim transaction (receipt): verification, nullifier, transfer to a fresh recipient. */
  claim_gas: number;
  /** Gas per claim of one claimBatch transaction of 16 claims (receipt / 16). */
  claim_gas_batched: number;
  /** Gas of one CredentialVerifier.verifyProof transaction (receipt). */
  verify_gas: number;
  /** Gas of the four deployment transactions together. */
  deploy_gas: number;
  /** Public signals per proof (the circuit's nPublic). */
  public_signals: number;
};

type SolidityProof = { a: string[]; b: string[][]; c: string[] };
type FixtureClaim = { proof: SolidityProof; signals: string[]; recipient: string };

const fixtures = join(import.meta.dirname, '..', 'contracts', 'test', 'fixtures');

export async function measureChain(): Promise<ChainFigures> {
  const single = JSON.parse(await readFile(join(fixtures, 'claim.json'), 'utf8')) as FixtureClaim & {
    campaign: { statementHash: string; issuerKeyHash: string };
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
    await registerIssuer({
      signer,
      registry: deployment.registry,
      name: 'Fixture issuer',
      issuerKeyHash: BigInt(single.campaign.issuerKeyHash),
      publicKey: { x: 1n, y: 2n },
    });
    await mintRewardToken({
      signer,
      token: deployment.token,
      to: await signer.getAddress(),
      amount: parseUnits('1000'),
    });
    await provider.send('evm_setNextBlockTimestamp', [proofTime]);
    await provider.send('evm_mine', []);

    const pool = connectRewardPool(deployment.pool, signer);
    const token = new Contract(deployment.token, ['function approve(address,uint256) returns (bool)'], signer);
    await (await token.getFunction('approve')(deployment.pool, parseUnits('1000'))).wait();
    const created = await mined(
      pool.createCampaign({
        token: deployment.token,
        rewardPerClaim: parseUnits('5'),
        budget: parseUnits('1000'),
        start: proofTime - 60,
        end: proofTime + 86_400,
        salt: `0x${'00'.repeat(31)}01`,
        statements: [{ statementHash: single.campaign.statementHash, issuerKeyHash: single.campaign.issuerKeyHash }],
        metadata: '0x',
      }),
    );
    const events = created.logs.map((entry) => poolInterface.parseLog(entry));
    const campaignId = events.find((event) => event?.name === 'CampaignCreated')?.args.campaignId as bigint;

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

    log('chain: one claim, then a batch of 16');
    const claim = await mined(pool.claim(campaignId, single.proof.a, single.proof.b, single.proof.c, single.signals));
    const proofs = batch.claims.map((entry) => ({ ...entry.proof, signals: entry.signals }));
    const batched = await mined(
      pool.claimBatch(
        proofs.map(() => campaignId),
        proofs,
      ),
    );
    const paid = batched.logs.filter((entry) => poolInterface.parseLog(entry)?.name === 'Claimed');
    if (paid.length !== proofs.length) throw new Error(`the batch paid ${paid.length} of ${proofs.length} claims`);
    return {
      claim_gas: Number(claim.gasUsed),
      claim_gas_batched: Math.round(Number(batched.gasUsed) / proofs.length),
      verify_gas: verifyGas,
      deploy_gas: deployGas,
      public_signals: single.signals.length,
    };
  } finally {
    provider.destroy();
    await anvil.stop();
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await measureChain(), null, 2));
}
