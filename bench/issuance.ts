// issue_ms_median: in headless Chromium against the real system (startSystem: the issuer service,
// the PSD2 sandbox bank, the Solid server), one new person with a first-run wallet, then per run:
// click "Add" at the bank source → the bank's consent page in a popup (Playwright signs in and
// approves, as the person would) → the preview → click "Accept" → the credentials are stored in the
// pod and shown. The time includes the proof of possession made in the page and the bank's pages.
// The first run is a warm-up (proving keys into Cache Storage, the curve built).

import { createPodAccount } from '@decdp/sdk/pod';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import { log, median, round } from './stats.ts';

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
    let possessionMs = Number.NaN;
    page.on('console', (message) => {
      const match = /possession proved in (\d+) ms/.exec(message.text());
      if (match) possessionMs = Number(match[1]);
    });
    for (let run = 0; run <= runs; run++) {
      const before = await page.getByTestId('issued-item').count();
      const popupOpened = page.waitForEvent('popup', { timeout: 60_000 });
      const started = performance.now();
      await add.click();
      const popup = await popupOpened;
      await popup.locator('input[name="username"]').fill('alice');
      await popup.locator('input[name="password"]').fill('sandbox-alice');
      await popup.locator('button[value="approve"]').click();
      await page.getByTestId('issuance-accept').click({ timeout: 60_000 });
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-testid="issued-item"]').length > count,
        before,
        { timeout: 60_000 },
      );
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed);
      log(
        `  issue ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms (possession proof in the page ${possessionMs} ms)`,
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
