// mask_prove_browser_ms_median: one Semaphore v4 contribution proof (depth 20) in headless Debian
// Chromium, in the wallet's own mask prover worker (app/src/wallet/masks/maskProver.worker.ts) with
// the checksummed artifacts from the page's origin — what a person waits for when they press
// "Contribute anonymously", minus the relayer's transaction: reading the mask and its group from the
// chain (a few RPC calls to anvil) and the proof. Against the real system (startSystem); the demo
// mask gets its k-th member first (a contribution needs k). One warm-up (artifacts, curve, wasm
// compile) is not counted. `npx node bench/masksBrowser.ts [runs]`; bench/run.ts calls it.
import { relayMaskJoin } from '@decdp/sdk/masks';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import { log, median, round } from './stats.ts';

export type MaskBrowserFigures = { mask_prove_browser_ms_median: number | null };

/** A made-up member's holder secret (the demo mask's seeded members are 9_000_001 … 9_000_019). */
const MEMBER_SECRET = 9_000_001n;

export async function measureMasksInBrowser(runs = 5): Promise<MaskBrowserFigures> {
  const system = await startSystem({ log: (line) => log(`  system: ${line}`) });
  const browser = await launchChromium();
  try {
    const registry = system.config.contracts.maskRegistry as string;
    // The 20th member, so the mask is big enough to contribute to.
    await relayMaskJoin({ service: system.urls.maskService, maskId: 'new-cyclist', holderSecret: 424_242n });
    const page = await browser.newPage();
    await page.goto(system.urls.wallet);
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const ms = await page.evaluate(
        async (input) => {
          const module = (await import(input.modulePath)) as typeof import('../app/src/wallet/masks/maskProver.ts');
          const done = await module.runMaskJob({
            type: 'contribute',
            chain: input.chain,
            maskId: 'new-cyclist',
            holderSecret: input.holderSecret,
            signal: { interests: ['road-bikes'], actions: [] },
            send: false,
          });
          return done.provingMs;
        },
        {
          modulePath: '/src/wallet/masks/maskProver.ts',
          chain: {
            rpcUrl: system.urls.rpc,
            chainId: system.config.chainId,
            registry,
            service: system.urls.maskService,
          },
          holderSecret: MEMBER_SECRET.toString(),
        },
      );
      if (run > 0) times.push(ms);
      log(`  browser mask proof ${run === 0 ? 'warm-up' : run}: ${Math.round(ms)} ms`);
    }
    return { mask_prove_browser_ms_median: round(median(times)) };
  } finally {
    await browser.close();
    await system.stop();
  }
}

if (import.meta.main) {
  const runs = Number(process.argv[2] ?? 5);
  process.stdout.write(`${JSON.stringify(await measureMasksInBrowser(runs))}\n`);
  process.exit(0);
}
