// request_delivery_ms_median: a merchant delivers a signed request to the person's pod inbox
// (POST with its own Solid login, on the real Community Solid Server) → the request shows in the
// wallet page in headless Chromium, without a reload (Solid Notifications, WebSocketChannel2023;
// the page falls back to 15 s reads only without a channel). The request is made before the clock
// starts; each delivered document is removed after its run, so the open inbox's flood limit (5
// waiting requests per signing key) never applies.
import { fileURLToPath } from 'node:url';
import { deliverRequest } from '@decdp/sdk/merchant';
import { createPodAccount, decdpUrls, deleteDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { startSystem } from '../scripts/system/startSystem.ts';
import { launchChromium } from '../test/browser/browser.ts';
import { logInDemo, requestItem } from '../test/browser/walletPage.ts';
import { log, median, round } from './stats.ts';

export async function measureDelivery(
  params: { runs?: number } = {},
): Promise<{ request_delivery_ms_median: number | null }> {
  const runs = params.runs ?? 5;
  log('delivery: merchant → pod inbox → shown in the wallet page (headless Chromium, real Solid server)');
  const system = await startSystem({ log: (line) => log(`  ${line}`) });
  const browser = await launchChromium();
  const bookshop = system.merchants.find((shop) => shop.id === 'bookshop') ?? system.merchants[0];
  const account = await createPodAccount({
    baseUrl: system.urls.solid,
    email: 'bench-bookshop@decdp.test',
    password: 'bench-bookshop-pw-1',
    podName: 'bench-bookshop',
  });
  const shopSolid = await loginWithClientCredentials({
    oidcIssuer: system.urls.solid,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  const owner = await loginWithClientCredentials(system.demo.login);
  try {
    if (!bookshop) throw new Error('no merchant');
    const page = await browser.newPage();
    await logInDemo(page, system);
    const inbox = decdpUrls(system.demo.podUrl).inbox;
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const response = await fetch(`${bookshop.service}requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bookshop.operatorToken}` },
        body: JSON.stringify({
          purpose: { code: 'bench', text: 'Delivery benchmark' },
          retentionDays: 30,
          // One the demo person cannot meet: the page shows it but prepares no proof for it, so
          // no run's proving competes with the next run's delivery (the figure is the delivery).
          predicates: [{ attribute: 'age', op: 'gte', value: 120 }],
        }),
      });
      if (response.status !== 201) throw new Error(`POST /requests answered ${response.status}`);
      const signed = (await response.json()) as SignedRequest;
      const started = performance.now();
      const delivered = await deliverRequest({ inbox, signedRequest: signed, fetch: shopSolid.fetch });
      const posted = performance.now() - started;
      await requestItem(page, signed.request.id).waitFor({ timeout: 60_000 });
      const elapsed = performance.now() - started;
      if (run > 0) times.push(elapsed);
      log(
        `  delivery ${run === 0 ? 'warm-up' : `run ${run}`}: ${Math.round(elapsed)} ms (the POST to the pod ${Math.round(posted)} ms)`,
      );
      await deleteDocument({ url: delivered, fetch: owner.fetch });
    }
    return { request_delivery_ms_median: round(median(times)) };
  } finally {
    await owner.logout();
    await shopSolid.logout();
    await browser.close();
    await system.stop();
  }
}

// `npx node bench/delivery.ts [runs]`: this figure alone, JSON on stdout.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  process.stdout.write(`${JSON.stringify(await measureDelivery({ runs }))}\n`);
  process.exit(0);
}
