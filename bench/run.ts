// `npm run bench -- --json`: DeCDP's figures, measured in this run on this machine.
// Progress goes to stderr; with --json, stdout is one JSON object. A figure not measured is null.

import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { startSystem } from '../scripts/system/startSystem.ts';
import { readTokenBalance } from '../sdk/src/chain/index.ts';
import { createRequest } from '../sdk/src/merchant/createRequest.ts';
import { openSqliteStore } from '../sdk/src/merchant/store/openSqliteStore.ts';
import { verifyProofBundle } from '../sdk/src/merchant/verifyProofBundle.ts';
import { listContainer, readJsonDocument } from '../sdk/src/pod/index.ts';
import { loginWithClientCredentials } from '../sdk/src/pod/node/index.ts';
import { parseCredential } from '../sdk/src/protocol/credential.ts';
import type { SignedRequest } from '../sdk/src/protocol/request.ts';
import { makeHolder, merchantSigner } from '../sdk/src/testing/demo.ts';
import { proveRequest } from '../sdk/src/wallet/proveRequest.ts';
import { releaseProverThreads, verifyGroth16 } from '../sdk/src/zk/groth16.ts';
import { loadNodeArtifacts } from '../sdk/src/zk/loadNodeArtifacts.ts';

const json = process.argv.includes('--json');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const round = (value: number) => Math.round(value * 10) / 10;

const figures: Record<string, number | string | null> = {
  cores: availableParallelism(),
  node: process.version,
  runs,
  constraints: null,
  prove_node_ms_median: null,
  prove_node_peak_mib: null,
  prove_browser_ms_median: null,
  verify_ms_median: null,
  verify_batch_per_s: null,
  claim_gas: null,
  e2e_ms_median: null,
  light_record_bytes: null,
  lp_solve_ms_median: null,
  offer_ctr_ratio_vs_random: null,
};

const checksums = JSON.parse(await readFile(join(import.meta.dirname, '..', 'circuits', 'checksums.json'), 'utf8'));
figures.constraints = checksums.constraints;

// 1. Prove and verify one predicate in Node (first proof is a warm-up: it builds the curve).
log(`prove/verify: ${runs} runs after one warm-up`);
const artifacts = await loadNodeArtifacts();
const holder = await makeHolder();
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const makeSigned = () =>
  createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bench Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'bench', text: 'benchmark' },
    retentionDays: 30,
  });
const proveTimes: number[] = [];
const verifyTimes: number[] = [];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
for (let run = 0; run <= runs; run++) {
  const signed: SignedRequest = await makeSigned();
  const started = performance.now();
  const bundle = await proveRequest({
    signedRequest: signed,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
  });
  const proved = performance.now();
  const entry = bundle.proofs[0];
  if (!entry || !(await verifyGroth16(artifacts.verificationKey, entry.proof, entry.publicSignals)))
    throw new Error('bench proof did not verify');
  const verified = performance.now();
  if (run > 0) {
    proveTimes.push(proved - started);
    verifyTimes.push(verified - proved);
  }
  // Light record size: the row a merchant keeps, as JSON.
  if (run === runs) {
    const result = await verifyProofBundle({
      signedRequest: signed,
      bundle,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: [holder.issuer.keyHash],
    });
    const store = openSqliteStore({ path: ':memory:' });
    const { record } = await store.save({
      ...result,
      requestId: result.requestId,
      createdAt: result.verifiedAt,
      expiresAt: result.verifiedAt + 86_400 * 30,
      consentReceipt: null,
    });
    figures.light_record_bytes = Buffer.byteLength(JSON.stringify(record));
    await store.close();
  }
}
clearInterval(sampler);
figures.prove_node_ms_median = round(median(proveTimes));
figures.verify_ms_median = round(median(verifyTimes));
figures.prove_node_peak_mib = Math.round(peakRss / 2 ** 20);
log(`  prove ${figures.prove_node_ms_median} ms, verify ${figures.verify_ms_median} ms (medians)`);

// 2. End to end against the real system: request → pod credentials → proof → verify + record + on-chain claim.
log('e2e: starting the system (anvil, Solid, merchant service)');
const system = await startSystem({ pages: false, log: (line) => log(`  ${line}`) });
const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
try {
  const session = await loginWithClientCredentials(system.demo.login);
  const e2eTimes: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const created = await fetch(`${system.urls.merchantService}requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
        purpose: { code: 'bench', text: 'benchmark' },
        retentionDays: 30,
        reward: true,
      }),
    });
    const signed = (await created.json()) as SignedRequest;
    const urls = await listContainer({ url: `${system.demo.podUrl}decdp/credentials/`, fetch: session.fetch });
    const credentials = await Promise.all(
      urls.map(async (url: string) => parseCredential(await readJsonDocument({ url, fetch: session.fetch }))),
    );
    const bundle = await proveRequest({
      signedRequest: signed,
      credentials,
      holderSecret: system.demo.holderSecret,
      recipient: system.demo.recipient,
      artifacts,
    });
    const answered = await fetch(`${system.urls.merchantService}requests/${signed.request.id}/answers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bundle),
    });
    const body = (await answered.json()) as { reward: { txHash: string } | null };
    if (answered.status !== 201 || !body.reward)
      throw new Error(`e2e answer failed: ${answered.status} ${JSON.stringify(body)}`);
    if (run > 0) e2eTimes.push(performance.now() - started);
    if (run === 1) {
      const receipt = await provider.getTransactionReceipt(body.reward.txHash);
      figures.claim_gas = receipt ? Number(receipt.gasUsed) : null;
    }
  }
  figures.e2e_ms_median = round(median(e2eTimes));
  const balance = await readTokenBalance({
    runner: provider,
    token: system.deployment.token,
    owner: system.demo.recipient,
  });
  log(`  e2e ${figures.e2e_ms_median} ms median, claim ${figures.claim_gas} gas, recipient balance ${balance}`);
} finally {
  provider.destroy();
  await system.stop();
  await releaseProverThreads();
}

if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${value}`);
process.exit(0);
