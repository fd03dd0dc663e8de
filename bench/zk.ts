// Zero-knowledge figures: Node proving (witness and proof apart, peak memory), single
// verification with the prepared key, and batch verification on every core.
// `npx node bench/zk.ts [runs]` prints them; bench/run.ts calls measureZk. Progress on stderr.
import { availableParallelism } from 'node:os';
import { createBatchVerifierPool } from '../sdk/src/zk/createBatchVerifierPool.ts';
import { calculateWitness, proveGroth16, releaseProverThreads, verifyGroth16 } from '../sdk/src/zk/groth16.ts';
import { loadNodeArtifacts } from '../sdk/src/zk/loadNodeArtifacts.ts';
import { prepareVerifier } from '../sdk/src/zk/prepareVerifier.ts';
import { makeTestCircuitInput, type TestProof } from '../sdk/src/zk/testing/makeTestProofs.ts';
import { verifyBatch } from '../sdk/src/zk/verifyBatch.ts';
import { log, median, round } from './stats.ts';

export type ZkFigures = {
  prove_node_ms_median: number;
  prove_node_peak_mib: number;
  witness_ms_median: number;
  verify_ms_median: number;
  verify_batch_per_s: number;
};

const BATCH_SIZE = 256;

export async function measureZk(runs: number): Promise<ZkFigures> {
  const artifacts = await loadNodeArtifacts();
  const input = await makeTestCircuitInput();
  if (typeof artifacts.wasm === 'string' || typeof artifacts.zkey === 'string') throw new Error('expected bytes');

  // 1. Proving: witness (warm calculator) + Groth16 proof (snarkjs, curve threads on every
  //    core). The first proof builds the curve and compiles the wasm: a warm-up, not counted.
  log(`zk: proving, ${runs} runs after one warm-up, ${availableParallelism()} cores`);
  await proveGroth16(input, artifacts);
  const witnessTimes: number[] = [];
  const proveTimes: number[] = [];
  const proofs: TestProof[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await calculateWitness(input, artifacts.wasm);
    const witnessed = performance.now();
    proofs.push(await proveGroth16(input, artifacts));
    const proved = performance.now();
    witnessTimes.push(witnessed - started);
    // proveGroth16 computes the witness again: its time is the end-to-end figure.
    proveTimes.push(proved - witnessed);
  }
  clearInterval(sampler);
  await releaseProverThreads();
  const proof = proofs[0] as TestProof;
  log(
    `  prove ${round(median(proveTimes))} ms (witness ${round(median(witnessTimes))} ms of it), peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
  );

  // 2. Single verification, prepared key (the preparation is paid once, not counted).
  const verifier = await prepareVerifier(artifacts.verificationKey);
  const verifyTimes: number[] = [];
  const snarkjsTimes: number[] = [];
  for (const item of proofs) await verifier.verify(item.proof, item.publicSignals);
  for (let run = 0; run < Math.max(runs, 5) * 5; run++) {
    const item = proofs[run % proofs.length] as TestProof;
    const started = performance.now();
    if (!(await verifier.verify(item.proof, item.publicSignals))) throw new Error('bench proof did not verify');
    verifyTimes.push(performance.now() - started);
  }
  for (let run = 0; run < Math.max(runs, 5); run++) {
    const started = performance.now();
    await verifyGroth16(artifacts.verificationKey, proof.proof, proof.publicSignals);
    snarkjsTimes.push(performance.now() - started);
  }
  await releaseProverThreads();
  log(`  verify ${round(median(verifyTimes))} ms prepared, ${round(median(snarkjsTimes))} ms snarkjs (medians)`);

  // 3. Batch verification: random linear combination on one thread, one worker per core doing
  //    one check per proof, one worker per core each doing a random linear combination.
  const batch = Array.from({ length: BATCH_SIZE }, (_, index) => proofs[index % proofs.length] as TestProof);
  const rate = async (name: string, verifyAll: () => Promise<boolean[]>): Promise<number> => {
    await verifyAll();
    const rates: number[] = [];
    for (let run = 0; run < Math.max(3, Math.min(runs, 5)); run++) {
      const started = performance.now();
      const results = await verifyAll();
      if (!results.every(Boolean)) throw new Error(`${name}: a valid proof was refused`);
      rates.push((BATCH_SIZE * 1000) / (performance.now() - started));
    }
    log(`  ${name}: ${Math.round(median(rates))} proofs/s (median, batches of ${BATCH_SIZE})`);
    return median(rates);
  };
  await rate('batch, 1 thread', () => verifyBatch(artifacts.verificationKey, batch));
  const pool = await createBatchVerifierPool({ verificationKey: artifacts.verificationKey });
  let perSecond: number;
  try {
    await rate(`single checks, ${pool.threads} threads`, () => pool.verifyEach(batch));
    perSecond = await rate(`batch, ${pool.threads} threads`, () => pool.verifyBatch(batch));
  } finally {
    await pool.close();
  }
  return {
    prove_node_ms_median: round(median(proveTimes)),
    prove_node_peak_mib: Math.round(peakRss / 2 ** 20),
    witness_ms_median: round(median(witnessTimes)),
    verify_ms_median: round(median(verifyTimes)),
    verify_batch_per_s: Math.round(perSecond),
  };
}

if (import.meta.main) {
  const figures = await measureZk(Number(process.argv[2] ?? 7));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
