// Zero-knowledge figures: Node proving (witness and proof apart, CPU time, peak memory, a
// two-predicate bundle), single verification with the prepared key, and batch verification on
// every core.
// `npx node bench/zk.ts [runs]` prints them; bench/run.ts calls measureZk. Progress on stderr.
import { availableParallelism, loadavg } from 'node:os';
import { createRequest } from '@decdp/sdk/merchant';
import { makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { makeTestCircuitInput, TEST_RECIPIENT, type TestProof } from '@decdp/sdk/testing/node';
import { proveRequest } from '@decdp/sdk/wallet';
import {
  calculateWitness,
  prepareVerifier,
  proveGroth16,
  releaseProverThreads,
  verifyBatch,
  verifyGroth16,
} from '@decdp/sdk/zk';
import { createBatchVerifierPool, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { log, median, round } from './stats.ts';

export type ZkFigures = {
  prove_node_ms_median: number;
  prove_node_peak_mib: number;
  /** CPU time (user + system, every thread) of one proof: steadier than wall time on a shared machine. */
  prove_node_cpu_ms_median: number;
  /** proveRequest end to end for a request with two predicates (two proofs). */
  prove_bundle_2_ms_median: number;
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
  const cpuTimes: number[] = [];
  const proofs: TestProof[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await calculateWitness(input, artifacts.wasm);
    const witnessed = performance.now();
    const cpu = process.cpuUsage();
    proofs.push(await proveGroth16(input, artifacts));
    const proved = performance.now();
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    witnessTimes.push(witnessed - started);
    // proveGroth16 computes the witness again: its time is the end-to-end figure.
    proveTimes.push(proved - witnessed);
  }
  clearInterval(sampler);
  const proof = proofs[0] as TestProof;
  log(
    `  prove ${round(median(proveTimes))} ms (witness ${round(median(witnessTimes))} ms of it; CPU ${round(median(cpuTimes))} ms), peak RSS ${Math.round(peakRss / 2 ** 20)} MiB, load ${loadavg()[0]?.toFixed(1)}`,
  );

  // 1b. A bundle of two predicates (two proofs) through the wallet's proveRequest.
  const holder = await makeHolder();
  const signedRequest = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bench Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [
      { attribute: 'age', op: 'gte', value: 18 },
      { attribute: 'countryOfResidence', op: 'eq', value: 'NL' },
    ],
    purpose: { code: 'bench', text: 'benchmark' },
    retentionDays: 1,
  });
  const bundleTimes: number[] = [];
  for (let run = 0; run < Math.max(3, Math.min(runs, 5)); run++) {
    const started = performance.now();
    const bundle = await proveRequest({
      signedRequest,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient: TEST_RECIPIENT,
      artifacts,
    });
    bundleTimes.push(performance.now() - started);
    if (bundle.proofs.length !== 2) throw new Error('expected two proofs');
  }
  await releaseProverThreads();
  log(`  two-predicate bundle ${round(median(bundleTimes))} ms (median)`);

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
    prove_node_cpu_ms_median: round(median(cpuTimes)),
    prove_bundle_2_ms_median: round(median(bundleTimes)),
    witness_ms_median: round(median(witnessTimes)),
    verify_ms_median: round(median(verifyTimes)),
    verify_batch_per_s: Math.round(perSecond),
  };
}

if (import.meta.main) {
  const figures = await measureZk(Number(process.argv[2] ?? 7));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
