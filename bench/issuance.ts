// issue_ms_median: in headless Chromium against the real system (startSystem: the issuer service,
// the PSD2 sandbox bank, the Solid server), one new person with a first-run wallet, then per run:
// click "Add" at the bank source → the bank's consent page in a popup (Playwright signs in and
// approves, as the person would) → the preview → click "Accept" → the credentials are stored in the
// pod and shown. The time includes the bank's pages and the issuer's calls; the proof of possession
// the wallet makes ahead, in its prover worker, while the person reads the screen (when it opens,
// and after each issuance for the next one): each run clicks once the wallet says it is ready, as
// a person reading for a few seconds would. How long the proof took is logged (the floor of an
// issuance whose person clicks at once), and each run's phases. The first run is a warm-up.

import { createPodAccount } from '@decdp/sdk/pod';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import { log, median, round } from './stats.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureIssuance(runs: number): Promise<{ issue_ms_median: number | null }> {
  const system = await startSystem({ log: (line) => log(`  ${line}`) });
  const browser = await launchChromium();
  try {
    const email = `issue-${Date.now()}@decdp.local`;
    const password = 'bench-password-1';
    await createPodAccount({ baseUrl: system.urls.solid, email, password, podName: `issue${Date.now()}` });
    const page = await browser.newPage();
    await page.goto(system.urls.wallet);
    await page.getByTestId('login-button').click();
    await page.locator('input[name="email"], #email').first().fill(email);
    await page.locator('input[name="password"], #password').first().fill(password);
    await page.locator('button[type="submit"]').first().click();
    await page.getByRole('button', { name: /authorize/i }).click({ timeout: 30_000 });
    await page.getByTestId('recovery-phrase').waitFor({ timeout: 60_000 });
    await page.getByTestId('phrase-confirmed').check();
    await page.getByTestId('create-wallet-button').click();
    await page.getByTestId('wallet-setup').waitFor({ state: 'detached' });
    await page.getByTestId('nav-add-credentials').click();
    const add = page.locator('[data-testid="issuer-source"][data-source="bank"] [data-testid="issuer-source-add"]');
    await add.waitFor({ timeout: 60_000 });
    const times: number[] = [];
    const proofs: string[] = [];
    let accepted = '';
    page.on('console', (message) => {
      const match = /possession proved in (.*)/.exec(message.text());
      if (match) proofs.push(match[1] ?? '');
      const accept = /issuance: accept — (.*)/.exec(message.text());
      if (accept) accepted = accept[1] ?? '';
    });
    for (let run = 0; run <= runs; run++) {
      const waitedFrom = performance.now();
      while (proofs.length <= run && performance.now() - waitedFrom < 120_000) await sleep(100);
      const possession = proofs[run] ?? 'not ready after 120 s';
      // A new issuance at the same source replaces the last one's documents: wait for new URLs.
      const before = await page
        .getByTestId('issued-item')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-url')));
      const popupOpened = page.waitForEvent('popup', { timeout: 60_000 });
      const started = performance.now();
      await add.click();
      const popup = await popupOpened;
      const popupAt = performance.now();
      await popup.locator('input[name="username"]').fill('alice');
      await popup.locator('input[name="password"]').fill('sandbox-alice');
      await popup.locator('button[value="approve"]').click();
      const approvedAt = performance.now();
      const accept = page.getByTestId('issuance-accept');
      await accept.waitFor({ timeout: 60_000 });
      const previewAt = performance.now();
      await accept.click();
      await page.waitForFunction(
        (known) =>
          [...document.querySelectorAll('[data-testid="issued-item"]')].some(
            (item) => !known.includes(item.getAttribute('data-url')),
          ),
        before,
        { timeout: 60_000 },
      );
      const storedAt = performance.now();
      const elapsed = storedAt - started;
      if (run > 0) times.push(elapsed);
      const ms = (from: number, to: number) => Math.round(to - from);
      log(
        `  issue ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms — session+popup ${ms(started, popupAt)}, bank sign-in ${ms(popupAt, approvedAt)}, back to preview ${ms(approvedAt, previewAt)}, accept→stored ${ms(previewAt, storedAt)} [${accepted}] (prepared ahead: possession proved in ${possession})`,
      );
    }
    return { issue_ms_median: round(median(times)) };
  } catch (error) {
    log(`  issuance not measured: ${error instanceof Error ? error.message : String(error)}`);
    return { issue_ms_median: null };
  } finally {
    await browser.close();
    await system.stop();
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await measureIssuance(Number(process.env.BENCH_RUNS ?? 5))));
  process.exit(0);
}
