// The wallet and merchant pages with nothing behind them (no pod, chain or merchant service): enough
// to prove in the browser, where the request is signed in Node. Used by the bench and app/smoke.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@decdp/sdk/protocol';
import { createServer } from 'vite';

/** Writes a runtime configuration whose services all point at the discard port; `stop` deletes it. */
export async function writePagesOnlyConfig(): Promise<{ configFile: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'decdp-pages-'));
  const configFile = join(dir, 'config.json');
  const nowhere = 'http://127.0.0.1:9/';
  const config: AppConfig = {
    solidServer: nowhere,
    merchantService: nowhere,
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
  };
  await writeFile(configFile, JSON.stringify(config));
  return { configFile, stop: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Vite's dev server for the pages on a free port of 127.0.0.1; `isolated` adds the COOP/COEP
 * headers that make the page cross-origin isolated (SharedArrayBuffer on).
 */
export async function startPagesOnly(
  params: { isolated?: boolean } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const config = await writePagesOnlyConfig();
  process.env.DECDP_CONFIG_FILE = config.configFile;
  const server = await createServer({
    configFile: join(import.meta.dirname, '..', '..', 'app', 'vite.config.ts'),
    server: {
      host: '127.0.0.1',
      port: 0,
      ...(params.isolated
        ? { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } }
        : {}),
    },
    logLevel: 'warn',
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      await server.close();
      await config.stop();
    },
  };
}
