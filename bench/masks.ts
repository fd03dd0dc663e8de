// Mask figures: one Semaphore v4 proof of a contribution (depth 20, Node, snarkjs on every core)
// and the host's full check of it (schema, scope, root, nullifier, Semaphore verifyProof); and the
// host's check of an admission (one credential proof, verifyMaskAdmission).
// `npx node bench/masks.ts [runs]` prints them; bench/run.ts calls measureMasks. Progress on stderr.
import { availableParallelism } from 'node:os';
import { deployContracts, registerIssuer } from '@decdp/sdk/chain';
import type { MaskContribution } from '@decdp/sdk/masks';
import {
  contributeToMask,
  createMask,
  createMaskOnChain,
  deployMaskContracts,
  joinMask,
  joinMaskOnChain,
  joinMaskWithAdmissionOnChain,
  MaskRegistry,
  maskDefinitionOfChainMask,
  maskLeaveKey,
  prepareContribution,
  proveMaskAdmission,
  readMaskOnChain,
  verifyContribution,
  verifyMaskAdmission,
} from '@decdp/sdk/masks';
import { loadMaskArtifacts } from '@decdp/sdk/masks/node';
import { MERCHANT_PRIVATE_KEY, makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Contract, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { startAnvil } from '../scripts/system/startAnvil.ts';
import { log, median, round } from './stats.ts';

export type MaskFigures = {
  /** Median ms of contributeToMask: identity, Merkle proof, witness and Groth16 proof. */
  mask_prove_ms_median: number;
  /** Median ms of verifyContribution: every check of the host, Semaphore's verifyProof included. */
  mask_verify_ms_median: number;
  /** Median ms of verifyMaskAdmission, one predicate (age ≥ 18): schema, binding, issuer, nullifier, Groth16 (prepared key). */
  mask_admission_verify_ms_median: number;
};

const DAY = 86_400;

export async function measureMasks(runs = 5): Promise<MaskFigures> {
  const artifacts = await loadMaskArtifacts();
  const nowSeconds = Math.floor(Date.now() / 1000 / DAY) * DAY + 3_600;
  const created = createMask({
    name: 'Bench cyclist',
    description: 'bench',
    id: 'bench-cyclist',
    epochSeconds: DAY,
    nowSeconds,
  });
  // One member per proof plus the warm-up, and never fewer than k.
  const secrets = Array.from({ length: Math.max(runs + 1, created.mask.k) }, (_, index) => BigInt(1_000 + index));
  let group = created.group;
  for (const holderSecret of secrets) group = joinMask({ holderSecret, mask: created.mask, group, nowSeconds }).group;
  const prove = (holderSecret: bigint) =>
    contributeToMask({
      holderSecret,
      mask: created.mask,
      group,
      signal: { interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets'] },
      nowSeconds,
      artifacts,
    });

  log(
    `masks: Semaphore v4 depth ${created.mask.treeDepth}, ${group.members.length} members, ${runs} proofs after one warm-up, ${availableParallelism()} cores`,
  );
  try {
    // The first proof builds the curve and compiles the wasm: a warm-up, not counted.
    const warm = await prove(secrets[0] as bigint);
    const proveTimes: number[] = [];
    const contributions: MaskContribution[] = [warm.contribution];
    for (let run = 1; run <= runs; run++) {
      const started = performance.now();
      const { contribution } = await prove(secrets[run] as bigint);
      proveTimes.push(performance.now() - started);
      contributions.push(contribution);
    }

    // Each check against the empty ledger (so none is a repeat); the first is a warm-up.
    const check = (contribution: MaskContribution) =>
      verifyContribution({ mask: created.mask, group, ledger: created.ledger, contribution, nowSeconds });
    await check(warm.contribution);
    const verifyTimes: number[] = [];
    for (let run = 0; run < Math.max(runs, 5) * 4; run++) {
      const contribution = contributions[run % contributions.length] as MaskContribution;
      const started = performance.now();
      await check(contribution);
      verifyTimes.push(performance.now() - started);
    }
    const figures = {
      mask_prove_ms_median: round(median(proveTimes)),
      mask_verify_ms_median: round(median(verifyTimes)),
      mask_admission_verify_ms_median: round(median(await measureAdmissionChecks(Math.max(runs, 5) * 4, nowSeconds))),
    };
    log(
      `  prove ${figures.mask_prove_ms_median} ms, verify ${figures.mask_verify_ms_median} ms, admission check ${figures.mask_admission_verify_ms_median} ms (medians)`,
    );
    return figures;
  } finally {
    // snarkjs keeps its curve's worker threads alive: without this the process never exits.
    await releaseProverThreads();
  }
}

/** ms of each verifyMaskAdmission of one admission proof against an empty ledger, after one warm-up check. */
async function measureAdmissionChecks(checks: number, nowSeconds: number): Promise<number[]> {
  const artifacts = await loadNodeArtifacts();
  const holder = await makeHolder({ now: nowSeconds });
  const { mask, ledger } = createMask({
    name: 'Bench adults',
    description: 'bench',
    id: 'bench-adults',
    nowSeconds,
    admission: {
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      trustedIssuers: [holder.issuer.keyHash.toString()],
    },
  });
  const { admission } = await proveMaskAdmission({ ...holder, mask, artifacts, nowSeconds });
  const check = () =>
    verifyMaskAdmission({ mask, ledger, admission, verificationKey: artifacts.verificationKey, nowSeconds });
  await check();
  const times: number[] = [];
  for (let run = 0; run < checks; run++) {
    const started = performance.now();
    await check();
    times.push(performance.now() - started);
  }
  return times;
}

export type MaskChainFigures = {
  /** Gas of joining an open mask on-chain (MaskRegistry.joinMask → Semaphore addMember), median. */
  mask_join_gas: number;
  /** Gas of joining a mask with admission (one age ≥ 18 credential proof checked on-chain:
   * statement, issuer trusted in the IssuerRegistry, binding, Groth16; then addMember), median. */
  mask_admission_join_gas: number;
  /** Gas of one on-chain contribution (scope, labels, Semaphore validateProof, counts), median. */
  mask_contribution_gas: number;
  /** ms the chain takes to check one contribution: eth_call of MaskRegistry.contribute on anvil, median. */
  mask_contribution_verify_ms_median: number;
};

/**
 * Masks on anvil: deploy Semaphore v4 and the registry, join `runs + 5` members (one gas figure
 * each), then per member an eth_call of contribute (the chain's full check: scope, message,
 * Semaphore's Groth16 verifier, nullifier) timed, and the transaction sent for its gas.
 */
export async function measureMasksOnChain(runs = 5): Promise<MaskChainFigures> {
  const anvil = await startAnvil();
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { pollingInterval: 100 });
  try {
    const signer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
    const core = await deployContracts({ signer, allowInsecureDevelopmentKey: true });
    const { registry } = await deployMaskContracts({ signer, issuerRegistry: core.registry });
    const maskId = 'bench-cyclist';
    await createMaskOnChain({
      signer,
      registry,
      mask: { id: maskId, name: 'Bench cyclist', description: 'bench', k: 5 },
    });
    const secrets = Array.from({ length: runs + 5 }, (_, index) => BigInt(5_000 + index));
    const joinGas: number[] = [];
    for (const holderSecret of secrets) {
      joinGas.push(Number((await joinMaskOnChain({ signer, registry, maskId, holderSecret })).gasUsed));
    }
    const admissionJoinGas = await measureAdmissionJoins({ signer, registry, issuerRegistry: core.registry, joins: 3 });
    log(`masks on-chain: anvil, ${secrets.length} joins, ${runs} contributions checked and sent`);
    const artifacts = await loadMaskArtifacts();
    const contract = new Contract(registry, MaskRegistry.abi as never, signer);
    const verifyTimes: number[] = [];
    const contributionGas: number[] = [];
    for (const holderSecret of secrets.slice(0, runs + 1)) {
      const prepared = await prepareContribution({
        signer,
        registry,
        maskId,
        holderSecret,
        signal: { interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets'] },
        artifacts,
      });
      const args = [maskId, prepared.signal.interests, prepared.signal.actions, prepared.proof] as const;
      const started = performance.now();
      await contract.getFunction('contribute').staticCall(...args);
      verifyTimes.push(performance.now() - started);
      const receipt = await (await contract.getFunction('contribute')(...args)).wait();
      contributionGas.push(Number(receipt?.gasUsed ?? 0));
    }
    verifyTimes.shift(); // the first call warms the node up
    const figures = {
      mask_join_gas: Math.round(median(joinGas)),
      mask_admission_join_gas: Math.round(median(admissionJoinGas)),
      mask_contribution_gas: Math.round(median(contributionGas)),
      mask_contribution_verify_ms_median: round(median(verifyTimes)),
    };
    log(
      `  join ${figures.mask_join_gas} gas (with admission ${figures.mask_admission_join_gas}), contribution ${figures.mask_contribution_gas} gas, checked in ${figures.mask_contribution_verify_ms_median} ms (eth_call, median)`,
    );
    return figures;
  } finally {
    provider.destroy();
    await anvil.stop();
    await releaseProverThreads();
  }
}

/** Gas of `joins` joins with admission (each a fresh holder's age ≥ 18 proof) to one mask. */
async function measureAdmissionJoins(params: {
  signer: NonceManager;
  registry: string;
  issuerRegistry: string;
  joins: number;
}): Promise<number[]> {
  const { signer, registry } = params;
  const holder = await makeHolder();
  await registerIssuer({
    signer,
    registry: params.issuerRegistry,
    issuerKeyHash: holder.issuer.keyHash,
    publicKey: holder.issuer.publicKey,
    name: holder.issuer.name,
  });
  const rule = {
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    trustedIssuers: [holder.issuer.keyHash.toString()],
  };
  const maskId = 'bench-adults';
  await createMaskOnChain({
    signer,
    registry,
    mask: { id: maskId, name: 'Bench adults', description: 'bench', k: 5, admission: rule },
  });
  const mask = maskDefinitionOfChainMask(await readMaskOnChain({ provider: signer, registry, maskId }));
  const artifacts = await loadNodeArtifacts();
  const gas: number[] = [];
  for (let join = 0; join < params.joins; join++) {
    const person = await makeHolder({ holderSecret: 8_000n + BigInt(join) });
    const nowSeconds = Math.floor(Date.now() / 1000);
    const { admission } = await proveMaskAdmission({ ...person, mask, artifacts, nowSeconds });
    const leaveKey = maskLeaveKey({ holderSecret: person.holderSecret, maskId });
    gas.push(Number((await joinMaskWithAdmissionOnChain({ signer, registry, admission, leaveKey })).gasUsed));
  }
  return gas;
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 5);
  const figures = process.argv.includes('--chain')
    ? await measureMasksOnChain(runs)
    : { ...(await measureMasks(runs)), ...(await measureMasksOnChain(runs)) };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
