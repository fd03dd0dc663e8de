// merchant_verify_rps: answers per second the merchant service verifies and records, measured
// from a second process on loopback (autocannon) against the real service (`decdp-merchant serve`,
// its own process, SQLite by default, PostgreSQL with BENCH_MERCHANT_DB=postgres) with batched
// verification on every core. Every answer is a real proof bundle that goes through all checks
// (schema, binding, freshness, issuer, Groth16) and the store; the first send of each bundle is
// recorded (201), later sends are answered as duplicates (200) after the same verification:
// fresh proofs cost ~0.6 s each to make, so a few dozen bundles are cycled.
//
// Issuers are trusted as a real service trusts them: from IssuerRegistry on a local anvil
// (`--issuer-registry`, kept current from its events), with the demo issuer registered there;
// BENCH_MERCHANT_TRUST=list uses a fixed `--trusted-issuer` list instead, for comparison. New
// records keep their proof bundle and consent-receipt reference, as the service does.
//
// Run alone: `npx node bench/merchant.ts` (prints the figures as JSON). BENCH_MERCHANT_THREADS sets
// the service's verifier threads (default: one per core).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployContracts, registerIssuer } from '@decdp/sdk/chain';
import { createRequest } from '@decdp/sdk/merchant';
import { openStore } from '@decdp/sdk/merchant/node';
import type { ProofBundle } from '@decdp/sdk/protocol';
import { demoMerchantCli, MERCHANT_PRIVATE_KEY, makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { type LocalPostgres, startLocalPostgres, startMerchantProcess } from '@decdp/sdk/testing/node';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { type Anvil, startAnvil } from '../scripts/system/startAnvil.ts';
import { runLoad } from './httpLoad.ts';
import { log, round } from './stats.ts';

export type MerchantFigures = {
  merchant_verify_rps: number | null;
  merchant_verify_p50_ms: number | null;
  merchant_verify_p99_ms: number | null;
  merchant_bundles: number;
  merchant_load_errors: number | null;
  /** CPU time of the service process (event loop and verifier threads) per verified answer. */
  merchant_cpu_ms_per_answer: number | null;
  /** CPU time of the load generator per request: it shares the same cores. */
  merchant_load_cpu_ms_per_request: number | null;
  /** Proofs per Groth16 batch on the verifier threads (bigger batches cost less per proof). */
  merchant_verify_batch_mean: number | null;
  /**
   * New light records the store commits per second (one transaction each, 32 at a time;
   * synchronous=FULL on SQLite), measured apart: the load run's cycled bundles are mostly duplicates, which write
   * nothing, so this is the recording cost a stream of new answers adds.
   */
  merchant_store_saves_per_s: number | null;
};

export async function measureMerchant(
  options: { bundles?: number; durationSeconds?: number; connections?: number; db?: 'sqlite' | 'postgres' } = {},
): Promise<MerchantFigures> {
  const count = options.bundles ?? Number(process.env.BENCH_MERCHANT_BUNDLES ?? 24);
  const durationSeconds = options.durationSeconds ?? Number(process.env.BENCH_MERCHANT_SECONDS ?? 10);
  const connections = options.connections ?? 32;
  const kind = options.db ?? (process.env.BENCH_MERCHANT_DB === 'postgres' ? 'postgres' : 'sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'decdp-bench-merchant-'));
  let postgres: LocalPostgres | undefined;
  let anvil: Anvil | undefined;
  try {
    if (kind === 'postgres') postgres = await startLocalPostgres();
    const db = postgres ? postgres.url : join(dir, 'merchant.sqlite');
    log(`merchant: proving ${count} answers (one request each)`);
    const artifacts = await loadNodeArtifacts();
    const holder = await makeHolder();
    const store = await openStore({ db });
    const requests: { path: string; body: string }[] = [];
    const requestIds: string[] = [];
    for (let index = 0; index < count; index++) {
      const signedRequest = await createRequest({
        signer: merchantSigner(),
        merchant: { name: 'Bench Shop', requestEndpoint: 'http://localhost:1/requests' },
        predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
        purpose: { code: 'bench', text: 'benchmark' },
        retentionDays: 30,
      });
      await store.saveRequest(signedRequest);
      const bundle = await proveRequest({
        signedRequest,
        credentials: holder.credentials,
        holderSecret: holder.holderSecret,
        recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        artifacts,
      });
      requestIds.push(signedRequest.request.id);
      requests.push({ path: `/requests/${signedRequest.request.id}/answers`, body: JSON.stringify(bundle) });
    }
    await store.close();
    await releaseProverThreads();

    const threads = Number(process.env.BENCH_MERCHANT_THREADS ?? availableParallelism());
    const demo = await demoMerchantCli();
    let trust = demo.args;
    if (process.env.BENCH_MERCHANT_TRUST !== 'list') {
      anvil = await startAnvil();
      const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true });
      const deployer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
      const deployment = await deployContracts({ signer: deployer });
      await registerIssuer({
        signer: deployer,
        registry: deployment.registry,
        issuerKeyHash: holder.issuer.keyHash,
        publicKey: holder.issuer.publicKey,
        name: 'Demo Bank',
      });
      provider.destroy();
      trust = ['--rpc-url', anvil.rpcUrl, '--issuer-registry', deployment.registry];
    }
    const service = await startMerchantProcess({
      args: [...trust, '--port', '0', '--db', db, '--rate-limit', '0', '--threads', String(threads)],
      env: demo.env,
    });
    let figures: MerchantFigures;
    try {
      log(
        `merchant: ${connections} connections for ${durationSeconds} s against ${kind}, ${threads} verifier threads, issuers from ${anvil ? 'IssuerRegistry' : 'a fixed list'}`,
      );
      const cpuBefore = processCpuMs(service.child.pid);
      const result = await runLoad({
        url: service.url.replace('localhost', '127.0.0.1'),
        connections,
        durationSeconds,
        requests,
      });
      const serviceCpuMs = processCpuMs(service.child.pid) - cpuBefore;
      const metrics = await (
        await fetch(`${service.url}metrics`, { headers: { authorization: `Bearer ${service.operatorToken}` } })
      ).text();
      const metric = (name: string) => Number(metrics.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1] ?? Number.NaN);
      const batchMean = metric('decdp_verify_batched_proofs') / metric('decdp_verify_batches');
      figures = {
        merchant_verify_rps: round(result.ok / result.seconds),
        merchant_verify_p50_ms: result.latency.p50,
        merchant_verify_p99_ms: result.latency.p99,
        merchant_bundles: count,
        merchant_load_errors: result.non2xx + result.errors + result.timeouts,
        merchant_cpu_ms_per_answer: result.ok > 0 ? Math.round((100 * serviceCpuMs) / result.ok) / 100 : null,
        merchant_load_cpu_ms_per_request:
          result.requests > 0 ? Math.round((100 * result.cpuMs) / result.requests) / 100 : null,
        merchant_verify_batch_mean: Number.isFinite(batchMean) ? round(batchMean) : null,
        merchant_store_saves_per_s: null,
      };
      log(
        `merchant: ${figures.merchant_verify_rps} verified answers/s, p50 ${figures.merchant_verify_p50_ms} ms, p99 ${figures.merchant_verify_p99_ms} ms, ${figures.merchant_load_errors} errors; CPU ${figures.merchant_cpu_ms_per_answer} ms/answer (service) + ${figures.merchant_load_cpu_ms_per_request} ms/request (load generator) on ${availableParallelism()} cores, ${figures.merchant_verify_batch_mean} proofs per batch`,
      );
    } finally {
      await service.stop();
    }
    // The records hang off one of the bench's own requests.
    figures.merchant_store_saves_per_s = await measureStoreSaves(
      db,
      requestIds[0] ?? '',
      JSON.parse(requests[0]?.body ?? 'null') as ProofBundle,
    );
    log(`merchant: the store commits ${figures.merchant_store_saves_per_s} new light records/s`);
    return figures;
  } finally {
    await postgres?.stop();
    await anvil?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Commits `count` new, distinct light records (each with its proof bundle and consent-receipt
 * reference) to the store at `db`, one save (transaction) each,
 * `concurrency` at a time as the service's concurrent answers would (PostgreSQL commits them on
 * several pooled connections; SQLite's saves are synchronous, one after the other).
 */
async function measureStoreSaves(
  db: string,
  requestId: string,
  /** Kept beside every new record, as the service keeps each answer's bundle. */
  proofBundle: ProofBundle,
  count = 2000,
  concurrency = 32,
): Promise<number> {
  const merchantAddress = merchantSigner().address;
  const store = await openStore({ db });
  try {
    let next = 0;
    const saveNext = async (): Promise<void> => {
      while (next < count) {
        const unique = 10n ** 70n + BigInt(next++);
        await store.save({
          pseudonym: String(unique),
          requestId,
          predicates: ['age ≥ 18'],
          proofHash: `0x${unique.toString(16).padStart(64, '0')}`,
          issuerKeyHashes: [String(10n ** 75n)],
          nullifier: String(unique),
          nullifierScope: String(10n ** 71n),
          createdAt: 1_800_000_000,
          expiresAt: 1_800_000_000 + 30 * 86_400,
          consentReceipt: { merchantAddress },
          proofBundle,
        });
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, saveNext));
    return Math.round((count * 1000) / (performance.now() - started));
  } finally {
    await store.close();
  }
}

/** User + system CPU time of a process and all its threads so far, from /proc (Linux). */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(await measureMerchant())}\n`);
  process.exit(0);
}
