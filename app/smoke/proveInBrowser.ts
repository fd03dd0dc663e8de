// Smoke check: the prover worker makes a valid proof in a real (headless) Chromium, and how long
// it takes. No pod, chain or merchant service needed: the request is signed here in Node.
// Run from the repo root: npx node app/smoke/proveInBrowser.ts [runs]

import { makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { startPagesOnly } from '../../scripts/system/startPagesOnly.ts';
import { launchChromium } from '../../test/browser/browser.ts';
import { checkMerchantPage, smokeRequest, verifySmokeProof } from './smokeChecks.ts';

const runs = Number(process.argv[2] ?? 3);
const pages = await startPagesOnly();
const url = pages.url;
const browser = await launchChromium();
try {
  const holder = await makeHolder();
  const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const page = await browser.newPage();
  page.on('console', (message) => console.log(`  [page ${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => console.log(`  [page error] ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => console.log(`  [request failed] ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) console.log(`  [HTTP ${response.status()}] ${response.url()}`);
  });
  await page.goto(url);
  await page.getByTestId('login-button').waitFor({ timeout: 30_000 });
  console.log('wallet page rendered');
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const signedRequest = await smokeRequest([{ attribute: 'age', op: 'gte', value: 18 }]);
    const result = await page.evaluate(
      async (input) => {
        const module = (await import(input.modulePath)) as typeof import('../src/wallet/proveInWorker.ts');
        const started = performance.now();
        const done = await module.proveInWorker({
          signedRequest: input.signedRequest,
          credentials: input.credentials,
          holderSecret: BigInt(input.holderSecret),
          recipient: input.recipient,
        });
        return { ...done, wallMs: performance.now() - started };
      },
      {
        modulePath: '/src/wallet/proveInWorker.ts',
        signedRequest,
        credentials: holder.credentials,
        holderSecret: holder.holderSecret.toString(),
        recipient,
      },
    );
    const verified = await verifySmokeProof({ signedRequest, bundle: result.bundle, holder });
    timings.push(result.timings.provingMs);
    console.log(
      `run ${run + 1}: proof verified (${verified.predicates.join(', ')}); proving ${Math.round(result.timings.provingMs)} ms, artifacts ${Math.round(result.timings.artifactsMs)} ms, wall ${Math.round(result.wallMs)} ms`,
    );
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(`prove_browser_ms_median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)}`);
  await checkMerchantPage(browser, url);
  console.log('merchant page rendered');
} finally {
  await browser.close();
  await pages.stop();
  await releaseProverThreads();
}
