// unlock_ms_median: a passphrase unlock in headless Chromium on the real wallet page — type the
// passphrase, click "Unlock with passphrase" → the wallet is unlocked (scrypt at 128 MiB in the
// page, then AES-GCM with the device vault's non-extractable key). The demo person sets the
// passphrase once with the recovery phrase; each run ends the tab session (sessionStorage
// cleared) and reloads, as a new tab would.
import { fileURLToPath } from 'node:url';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import { signInDemoAtPod } from '../test/browser/walletPage.ts';
import { log, median, round } from './stats.ts';

const PASSPHRASE = 'bench passphrase for unlocking';

export async function measureUnlock(params: { runs?: number } = {}): Promise<{ unlock_ms_median: number | null }> {
  const runs = params.runs ?? 5;
  log('unlock: passphrase unlock in headless Chromium (wallet page)');
  const system = await startSystem({ log: (line) => log(`  ${line}`) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await signInDemoAtPod(page, system);
    await page.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase, { timeout: 60_000 });
    await page.getByTestId('restore-passphrase').fill(PASSPHRASE);
    await page.getByTestId('restore-button').click();
    await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      await page.evaluate(() => sessionStorage.clear());
      await page.reload();
      await page.getByTestId('unlock-passphrase').fill(PASSPHRASE, { timeout: 60_000 });
      const started = performance.now();
      await page.getByTestId('unlock-button').click();
      await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed);
      log(`  unlock ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms`);
    }
    return { unlock_ms_median: round(median(times)) };
  } finally {
    await browser.close();
    await system.stop();
  }
}

// `npx node bench/unlock.ts [runs]`: this figure alone, JSON on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  process.stdout.write(`${JSON.stringify(await measureUnlock({ runs }))}\n`);
  process.exit(0);
}
