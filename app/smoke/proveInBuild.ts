// Smoke check of the production build: `vite build`, `vite preview`, then the built prover
// worker (app/dist/assets/prover.worker-*.js) makes a proof the merchant SDK accepts.
// Run from the repo root: npx node app/smoke/proveInBuild.ts
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeHolder } from '@decdp/sdk/testing';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { build, preview } from 'vite';
import { writePagesOnlyConfig } from '../../scripts/system/startPagesOnly.ts';
import { launchChromium } from '../../test/browser/browser.ts';
import { checkMerchantPage, smokeRequest, verifySmokeProof } from './smokeChecks.ts';

const pagesConfig = await writePagesOnlyConfig();
process.env.DECDP_CONFIG_FILE = pagesConfig.configFile;
const viteConfig = join(import.meta.dirname, '..', 'vite.config.ts');
await build({ configFile: viteConfig, logLevel: 'warn' });
const server = await preview({ configFile: viteConfig, preview: { host: '127.0.0.1', port: 0 } });
const address = server.httpServer.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const workerFile = (await readdir(join(import.meta.dirname, '..', 'dist', 'assets'))).find((name) =>
  name.startsWith('prover.worker'),
);

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.log(`  [page error] ${error.stack ?? error.message}`));
  page.on('console', (message) => console.log(`  [page ${message.type()}] ${message.text()}`));
  await page.goto(url);
  await page.getByTestId('login-button').waitFor({ timeout: 30_000 });
  console.log('built wallet page rendered');
  const holder = await makeHolder();
  const signedRequest = await smokeRequest([
    { attribute: 'age', op: 'between', range: [18, 67] },
    { attribute: 'interest', op: 'in', values: ['running', 'cycling'] },
  ]);
  const result = await page.evaluate(
    (input) =>
      new Promise<{ type: string; [key: string]: unknown }>((resolve) => {
        const worker = new Worker(`/assets/${input.workerFile}`, { type: 'module' });
        worker.onmessage = (event) => {
          if (event.data.type !== 'progress') resolve(event.data);
        };
        worker.onerror = (event) => resolve({ type: 'crash', message: event.message });
        worker.postMessage({
          type: 'prove',
          jobId: 1,
          signedRequest: input.signedRequest,
          credentials: input.credentials,
          holderSecret: input.holderSecret,
          recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        });
      }),
    { workerFile, signedRequest, credentials: holder.credentials, holderSecret: holder.holderSecret.toString() },
  );
  if (result.type !== 'done') throw new Error(`worker answered ${JSON.stringify(result)}`);
  const verified = await verifySmokeProof({ signedRequest, bundle: result.bundle, holder });
  console.log(`built worker: verified ${verified.predicates.join(' and ')}; timings ${JSON.stringify(result.timings)}`);
  await checkMerchantPage(browser, url);
  console.log('built merchant page rendered');
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  await pagesConfig.stop();
  await releaseProverThreads();
}
