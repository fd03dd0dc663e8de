// `npm run bench -- --json`: DeCDP's figures, measured in this run on this machine.
// Progress goes to stderr; with --json, stdout is one JSON object. A figure not measured is null.

import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createRequest, verifyProofBundle } from '@decdp/sdk/merchant';
import { openSqliteStore } from '@decdp/sdk/merchant/node';
import { makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { measureAgent } from './agent.ts';
import { measureBrowser } from './browser.ts';
import { measureChain } from './chain.ts';
import { measureDelivery } from './delivery.ts';
import { measureE2e } from './e2e.ts';
import { measureIssuance } from './issuance.ts';
import { measureMasks, measureMasksOnChain } from './masks.ts';
import { measureMasksInBrowser } from './masksBrowser.ts';
import { measureMerchant } from './merchant.ts';
import { measureOfferServing, measureOffers } from './offers.ts';
import { measureSdkPack } from './sdkPack.ts';
import { log } from './stats.ts';
import { measureUnlock } from './unlock.ts';
import { measureZk } from './zk.ts';

const json = process.argv.includes('--json');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const figures: Record<string, number | string | null> = {
  cores: availableParallelism(),
  node: process.version,
  runs,
  constraints: null,
  prove_node_ms_median: null,
  prove_node_peak_mib: null,
  prove_browser_ms_median: null,
  approve_to_reward_ms_median: null,
  unlock_ms_median: null,
  agent_answer_ms_median: null,
  verify_ms_median: null,
  verify_batch_per_s: null,
  witness_ms_median: null,
  prove_node_cpu_ms_median: null,
  prove_bundle_2_ms_median: null,
  claim_gas: null,
  claim_gas_existing_holder: null,
  claim_gas_batched: null,
  verify_gas: null,
  deploy_gas: null,
  campaign_create_gas: null,
  claim_floor_gas_k4: null,
  claim_floor_gas_existing_holder_k4: null,
  public_signals: null,
  relayed_claim_gas: null,
  e2e_ms_median: null,
  light_record_bytes: null,
  merchant_verify_rps: null,
  merchant_verify_p50_ms: null,
  merchant_verify_p99_ms: null,
  merchant_cpu_ms_per_answer: null,
  issue_ms_median: null,
  lp_solve_ms_median_32x128: null,
  offer_ctr_vs_oracle: null,
  offer_ctr_ratio_vs_random: null,
  offer_serve_rps: null,
  offer_serve_p99_ms: null,
  mask_join_gas: null,
  mask_admission_join_gas: null,
  mask_contribution_gas: null,
  mask_contribution_verify_ms_median: null,
  mask_prove_browser_ms_median: null,
  sdk_pack_kib: null,
  sdk_install_mib: null,
  sdk_import_ms: null,
  // Merchant delivers to the pod inbox → request shown in the wallet page (bench/delivery.ts).
  request_delivery_ms_median: null,
};

const checksums = JSON.parse(await readFile(join(import.meta.dirname, '..', 'circuits', 'checksums.json'), 'utf8'));
figures.constraints = checksums.constraints;

// 1. Zero-knowledge engine: Node proving, single and batched verification (bench/zk.ts).
Object.assign(figures, await measureZk(runs));

// 2. Light record size: the row a merchant keeps for one verified answer, as JSON.
{
  const artifacts = await loadNodeArtifacts();
  const holder = await makeHolder();
  const signedRequest = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bench Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'bench', text: 'benchmark' },
    retentionDays: 30,
  });
  const bundle = await proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    artifacts,
  });
  const result = await verifyProofBundle({
    signedRequest,
    bundle,
    verificationKey: artifacts.verificationKey,
    trustedIssuers: [holder.issuer.keyHash],
  });
  const store = openSqliteStore({ path: ':memory:' });
  const { record } = await store.save({
    ...result,
    createdAt: result.verifiedAt,
    expiresAt: result.verifiedAt + 86_400 * 30,
    consentReceipt: null,
  });
  figures.light_record_bytes = Buffer.byteLength(JSON.stringify(record));
  await store.close();
  await releaseProverThreads();
  log(`light record ${figures.light_record_bytes} bytes`);
}

// 3. On-chain costs: receipts on anvil with the committed real-proof fixtures (bench/chain.ts).
Object.assign(figures, await measureChain());
log(
  `  claim ${figures.claim_gas} gas, batched ${figures.claim_gas_batched} gas a claim, verify ${figures.verify_gas}, campaign creation ${figures.campaign_create_gas}`,
);

// 4. The merchant service under load from a second process (bench/merchant.ts).
Object.assign(figures, await measureMerchant());
log(
  `  merchant ${figures.merchant_verify_rps} answers/s, p50 ${figures.merchant_verify_p50_ms} ms, p99 ${figures.merchant_verify_p99_ms} ms, ${figures.merchant_cpu_ms_per_answer} ms CPU per answer`,
);

// 5. The offer model: HiGHS solve time and the seeded CTR simulation (bench/offers.ts).
Object.assign(figures, await measureOffers(), await measureOfferServing());
log(
  `  offers: LP ${figures.lp_solve_ms_median_32x128} ms, CTR ${figures.offer_ctr_vs_oracle} of the oracle, ${figures.offer_ctr_ratio_vs_random}× random, served ${figures.offer_serve_rps}/s`,
);

// 6. Masks: a Semaphore v4 contribution, proved and verified by the host (bench/masks.ts).
Object.assign(figures, await measureMasks(), await measureMasksOnChain());
log(
  `  masks: prove ${figures.mask_prove_ms_median} ms, verify ${figures.mask_verify_ms_median} ms, join ${figures.mask_join_gas} gas, on-chain check ${figures.mask_contribution_verify_ms_median} ms`,
);

// 7. Proving in headless Chromium and approve → reward through the real pages (bench/browser.ts).
Object.assign(figures, await measureBrowser());
log(
  `  browser prove ${figures.prove_browser_ms_median} ms, approve → reward ${figures.approve_to_reward_ms_median} ms`,
);

// 7a. A mask contribution proof in headless Chromium's mask prover worker (bench/masksBrowser.ts).
Object.assign(figures, await measureMasksInBrowser().catch(() => ({ mask_prove_browser_ms_median: null })));
log(`  browser mask proof ${figures.mask_prove_browser_ms_median} ms`);

// 7b. A passphrase unlock of the wallet in headless Chromium (bench/unlock.ts).
Object.assign(figures, await measureUnlock().catch(() => ({ unlock_ms_median: null })));
log(`  unlock ${figures.unlock_ms_median} ms`);

// 7c. The wallet agent answering from the pod inbox, no browser (bench/agent.ts).
Object.assign(figures, await measureAgent().catch(() => ({ agent_answer_ms_median: null })));
log(`  agent answer ${figures.agent_answer_ms_median} ms`);

// 7d. A merchant's delivery to the pod inbox → shown in the wallet page (bench/delivery.ts).
Object.assign(figures, await measureDelivery().catch(() => ({ request_delivery_ms_median: null })));
log(`  request delivery ${figures.request_delivery_ms_median} ms`);

// 8. End to end against the real system.
Object.assign(figures, await measureE2e(runs));
log(`  e2e ${figures.e2e_ms_median} ms median, relayed claim ${figures.relayed_claim_gas} gas`);
await releaseProverThreads();

// 9. Issuance in the browser: click "Add" at the sandbox bank → credentials stored in the pod (bench/issuance.ts).
Object.assign(figures, await measureIssuance(runs));
log(`  issuance ${figures.issue_ms_median} ms median`);

// 10. The SDK as a package: tarball size, installed size, cold import of @decdp/sdk/merchant (bench/sdkPack.ts).
Object.assign(figures, await measureSdkPack());
log(
  `  sdk: ${figures.sdk_pack_kib} KiB packed, ${figures.sdk_install_mib} MiB installed, import ${figures.sdk_import_ms} ms`,
);

if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${value}`);
process.exit(0);
