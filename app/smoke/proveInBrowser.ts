// Smoke check: the prover worker makes a valid proof in a real (headless) Chromium, and how long
// it takes. No pod, chain or merchant service needed: the request is signed here in Node.
// Run from the repo root: npx node app/smoke/proveInBrowser.ts [runs]
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { createRequest, verifyProofBundle } from '../../sdk/src/merchant/index.ts';
import { makeHolder, merchantSigner } from '../../sdk/src/testing/demo.ts';
import { releaseProverThreads } from '../../sdk/src/zk/groth16.ts';
import { loadNodeArtifacts } from '../../sdk/src/zk/loadNodeArtifacts.ts';

const runs = Number(process.argv[2] ?? 3);
const dir = await mkdtemp(join(tmpdir(), 'decdp-smoke-'));
const configFile = join(dir, 'config.json');
await writeFile(
  configFile,
  JSON.stringify({
    solidServer: 'http://127.0.0.1:9/',
    merchantService: 'http://127.0.0.1:9/',
    rpcUrl: 'http://127.0.0.1:9',
    chainId: 31337,
    contracts: {
      token: `0x${'1'.repeat(40)}`,
      pool: `0x${'2'.repeat(40)}`,
      registry: `0x${'3'.repeat(40)}`,
      verifier: `0x${'4'.repeat(40)}`,
    },
    campaignId: null,
    demo: null,
  }),
);
process.env.DECDP_CONFIG_FILE = configFile;
const server = await createServer({
  configFile: join(import.meta.dirname, '..', 'vite.config.ts'),
  server: { host: '127.0.0.1', port: 0 },
  logLevel: 'warn',
});
await server.listen();
const address = server.httpServer?.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--headless',
  ],
});
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
    const signedRequest = await createRequest({
      signer: merchantSigner(),
      merchant: { name: 'Smoke Shop', requestEndpoint: 'http://127.0.0.1:9/requests' },
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'smoke', text: 'Smoke test' },
      retentionDays: 1,
    });
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
    const verified = await verifyProofBundle({
      signedRequest,
      bundle: result.bundle,
      verificationKey: (await loadNodeArtifacts()).verificationKey,
      trustedIssuers: [holder.issuer.keyHash],
    });
    timings.push(result.timings.provingMs);
    console.log(
      `run ${run + 1}: proof verified (${verified.predicates.join(', ')}); proving ${Math.round(result.timings.provingMs)} ms, artifacts ${Math.round(result.timings.artifactsMs)} ms, wall ${Math.round(result.wallMs)} ms`,
    );
  }
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(`prove_browser_ms_median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)}`);
  const merchant = await browser.newPage();
  await merchant.goto(`${url}merchant.html`);
  await merchant.getByTestId('merchant-create-request').waitFor({ timeout: 30_000 });
  console.log('merchant page rendered');
} finally {
  await browser.close();
  await server.close();
  await releaseProverThreads();
}
