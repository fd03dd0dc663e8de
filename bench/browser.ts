// Browser figures, measured in headless Debian Chromium driven by Playwright:
// - prove_browser_ms_median: one proof in the wallet's own prover worker (proveInWorker), after a
//   warm-up, artifacts already loaded — what a person waits for per predicate;
// - what stands between that and the 1,000 ms goal: the witness vs the Groth16 proof (timed on
//   the page's thread, bench/browserProbe.ts), the threads the browser gives snarkjs, and the same
//   worker proof on a cross-origin-isolated page (COOP/COEP headers, SharedArrayBuffer on);
// - approve_to_reward_ms_median: the real system (startSystem), a new person per run (a person
//   claims a campaign once): click "Approve" → the balance shows the reward, the click coming after
//   the person read the request (until the wallet's proof made meanwhile is ready, ≤ 15 s). One browser profile
//   (keys in Cache Storage after the warm-up run), a new page per run: each run starts the prover
//   worker and builds the curve, as a returning visitor's first approval of the visit does.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequest } from '@decdp/sdk/merchant';
import { createPodAccount, decdpUrls, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { makeHolder, merchantSigner } from '@decdp/sdk/testing';
import { walletKeysFromPhrase } from '@decdp/sdk/wallet';
import type { Browser, Page } from 'playwright-core';
import { startPagesOnly } from '../scripts/system/startPagesOnly.ts';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import type { ProbeResult } from './browserProbe.ts';
import { postRewardedRequest } from './postRewardedRequest.ts';
import { log, median, round } from './stats.ts';

const root = join(import.meta.dirname, '..');
const RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
/** approve_to_reward: the longest a person is modelled to read a request before clicking Approve. */
const READING_MAX_MS = 15_000;

export type BrowserFigures = {
  prove_browser_ms_median: number | null;
  prove_browser_isolated_ms_median: number | null;
  prove_browser_witness_ms_median: number | null;
  prove_browser_groth16_ms_median: number | null;
  prove_browser_single_thread_ms_median: number | null;
  browser_threads: number | null;
  approve_to_reward_ms_median: number | null;
};

async function signedAgeRequest() {
  return createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bench Shop', requestEndpoint: 'http://127.0.0.1:9/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'bench', text: 'benchmark' },
    retentionDays: 1,
  });
}

/** Worker proofs on one page: a warm-up, then `runs` timed proofs (worker-side proving time). */
async function workerProofs(page: Page, runs: number): Promise<number[]> {
  const holder = await makeHolder();
  const times: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const signedRequest = await signedAgeRequest();
    const ms = await page.evaluate(
      async (input) => {
        const module = (await import(input.modulePath)) as typeof import('../app/src/wallet/proveInWorker.ts');
        const done = await module.proveInWorker({
          signedRequest: input.signedRequest,
          credentials: input.credentials,
          holderSecret: BigInt(input.holderSecret),
          recipient: input.recipient,
        });
        return done.timings.provingMs;
      },
      {
        modulePath: '/src/wallet/proveInWorker.ts',
        signedRequest,
        credentials: holder.credentials,
        holderSecret: holder.holderSecret.toString(),
        recipient: RECIPIENT,
      },
    );
    if (run > 0) times.push(ms);
    log(`  browser proof ${run === 0 ? 'warm-up' : run}: ${Math.round(ms)} ms`);
  }
  return times;
}

async function measureProving(
  browser: Browser,
  runs: number,
): Promise<Omit<BrowserFigures, 'approve_to_reward_ms_median'>> {
  const plain = await startPagesOnly();
  const isolated = await startPagesOnly({ isolated: true });
  try {
    const page = await browser.newPage();
    await page.goto(plain.url);
    await page.getByTestId('login-button').waitFor({ timeout: 60_000 });
    const worker = await workerProofs(page, runs);

    const holder = await makeHolder();
    const probe = (await page.evaluate(
      async (input) => {
        const module = (await import(input.modulePath)) as typeof import('./browserProbe.ts');
        return module.probeProof(input.params);
      },
      {
        modulePath: `/@fs${join(root, 'bench', 'browserProbe.ts')}`,
        params: {
          signedRequest: await signedAgeRequest(),
          credentials: holder.credentials,
          holderSecret: holder.holderSecret.toString(),
          recipient: RECIPIENT,
          runs,
        },
      },
    )) as ProbeResult;
    log(
      `  page thread: witness ${round(median(probe.witnessMs))} ms, Groth16 proof ${round(median(probe.proofMs))} ms, ` +
        `single-thread snarkjs ${round(median(probe.singleThreadMs))} ms; ` +
        `hardwareConcurrency ${probe.hardwareConcurrency}, crossOriginIsolated ${probe.crossOriginIsolated}, SharedArrayBuffer ${probe.sharedArrayBuffer}`,
    );
    await page.close();

    const isolatedPage = await browser.newPage();
    await isolatedPage.goto(isolated.url);
    await isolatedPage.getByTestId('login-button').waitFor({ timeout: 60_000 });
    const isolatedFlags = await isolatedPage.evaluate(() => ({
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
    }));
    log(
      `  isolated page: crossOriginIsolated ${isolatedFlags.crossOriginIsolated}, SharedArrayBuffer ${isolatedFlags.sharedArrayBuffer}`,
    );
    const isolatedTimes = await workerProofs(isolatedPage, runs);
    await isolatedPage.close();
    return {
      prove_browser_ms_median: round(median(worker)),
      prove_browser_isolated_ms_median: isolatedFlags.crossOriginIsolated ? round(median(isolatedTimes)) : null,
      prove_browser_witness_ms_median: round(median(probe.witnessMs)),
      prove_browser_groth16_ms_median: round(median(probe.proofMs)),
      prove_browser_single_thread_ms_median: round(median(probe.singleThreadMs)),
      browser_threads: probe.hardwareConcurrency,
    };
  } finally {
    for (const pages of [plain, isolated]) await pages.stop();
  }
}

/** A new person per run: account, first-run wallet in the browser, credentials issued to them. */
async function measureApproveToReward(browser: Browser, runs: number): Promise<number | null> {
  const system = await startSystem({ log: (line) => log(`  ${line}`) });
  const context = await browser.newContext();
  try {
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const email = `bench-${run}-${Date.now()}@decdp.local`;
      const password = 'bench-password-1';
      const account = await createPodAccount({
        baseUrl: system.urls.solid,
        email,
        password,
        podName: `bench${run}x${Date.now()}`,
      });
      // One browser profile for all runs (its Cache Storage keeps the proving keys, as on a
      // returning device); cookies and local storage cleared so each run logs in a new person.
      await context.clearCookies();
      const page = await context.newPage();
      // The wallet logs each proof's time: approve → reward minus proving = everything else.
      let provingMs = Number.NaN;
      let prepared = false;
      page.on('console', (message) => {
        const match = /proof\(s\) in (\d+) ms/.exec(message.text());
        if (match) provingMs = Number(match[1]);
        if (match) prepared = message.text().includes('prepared before Approve');
      });
      // And the merchant's part: POST /requests/:id/answers (verify, record, relay the claim until mined).
      let merchantMs = Number.NaN;
      page.on('requestfinished', (request) => {
        if (request.method() === 'POST' && /\/answers$/.test(request.url())) {
          merchantMs = Math.round(request.timing().responseEnd - request.timing().requestStart);
        }
      });
      await page.goto(system.urls.wallet, { timeout: 120_000 }); // before the timed part; the first load compiles the page
      await page.getByTestId('login-button').click();
      await page.locator('input[name="email"], #email').first().fill(email);
      await page.locator('input[name="password"], #password').first().fill(password);
      await page.locator('button[type="submit"]').first().click();
      await page.getByRole('button', { name: /authorize/i }).click({ timeout: 30_000 });
      const phrase = (await page.getByTestId('recovery-phrase').textContent({ timeout: 60_000 })) ?? '';
      await page.getByTestId('phrase-confirmed').check();
      await page.getByTestId('create-wallet-button').click();
      await page.getByTestId('wallet-setup').waitFor({ state: 'detached' });
      // The issuer signs this person's credentials; they land in their pod.
      const keys = await walletKeysFromPhrase(phrase.trim());
      const person = await makeHolder({ holderSecret: keys.holderSecret });
      const session = await loginWithClientCredentials({
        oidcIssuer: system.urls.solid,
        clientId: account.clientId,
        clientSecret: account.clientSecret,
      });
      for (const credential of person.credentials) {
        const url = `${decdpUrls(account.podUrl).credentials}${credential.credentialSubject.attribute}.json`;
        await writeJsonDocument({ url, data: credential, fetch: session.fetch });
      }
      await session.logout();
      const { request } = await postRewardedRequest(system.urls.merchantService, system.operatorToken);
      await page.getByTestId('refresh-button').click();
      const item = page.locator(`[data-testid="request-item"][data-request-id="${request.id}"]`);
      const approve = item.getByTestId('approve-button');
      await approve.waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => !document.querySelector('[data-testid="approve-button"][disabled]'));
      // The person reads the request before deciding; meanwhile the wallet makes the proof on the
      // device and keeps it (app/src/wallet/preparedProofs.ts: nothing is sent before Approve). The
      // reading is modelled as "until the proof is ready", at most READING_MAX_MS.
      const reading = performance.now();
      await item
        .and(page.locator('[data-prepared="true"]'))
        .waitFor({ timeout: READING_MAX_MS })
        .catch(() => {});
      const readMs = Math.round(performance.now() - reading);
      const started = performance.now();
      await approve.click();
      const paid = page.getByTestId('reward-balance').filter({ hasText: /^[1-9]/ });
      const failed = item.getByTestId('request-error');
      const unpaid = item.getByTestId('request-result').filter({ hasText: 'could not be paid' });
      await Promise.race([
        paid.waitFor({ timeout: 120_000 }),
        failed.waitFor({ timeout: 120_000 }),
        unpaid.waitFor({ timeout: 120_000 }),
      ]);
      const elapsed = performance.now() - started;
      if (!(await paid.count())) {
        const why = (await failed.count())
          ? await failed.textContent()
          : await page.getByTestId('error-message').allTextContents();
        log(`  approve → reward run ${run}: no reward (${JSON.stringify(why)}); figure not measured`);
        await page.close();
        return null;
      }
      if (run > 0) times.push(elapsed);
      log(
        `  approve → reward ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms (after reading ${readMs} ms; proving ${provingMs} ms${prepared ? ' while reading' : ''}, merchant answer ${merchantMs} ms)`,
      );
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
    return round(median(times));
  } finally {
    await context.close();
    await system.stop();
  }
}

export async function measureBrowser(params: { runs?: number; approveRuns?: number } = {}): Promise<BrowserFigures> {
  const runs = params.runs ?? 5;
  log('browser: proving in headless Chromium (wallet worker)');
  const browser = await launchChromium();
  try {
    const proving = await measureProving(browser, runs);
    log(`  prove_browser_ms_median ${proving.prove_browser_ms_median} ms`);
    log('browser: approve → reward on the real system, a new person per run');
    const approve = await measureApproveToReward(browser, params.approveRuns ?? Math.min(runs, 3)).catch(
      (error: unknown) => {
        log(`  approve → reward failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      },
    );
    log(`  approve_to_reward_ms_median ${approve} ms`);
    return { ...proving, approve_to_reward_ms_median: approve };
  } finally {
    await browser.close();
  }
}

// `npx node bench/browser.ts [runs]`: this section alone, JSON on stdout; `[runs] approve` only
// approve_to_reward_ms_median (the real system, no worker-proof runs).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  if (process.argv[3] === 'approve') {
    const browser = await launchChromium();
    const approve = await measureApproveToReward(browser, runs).finally(() => browser.close());
    process.stdout.write(`${JSON.stringify({ approve_to_reward_ms_median: approve })}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(await measureBrowser({ runs }))}\n`);
  }
  process.exit(0);
}
