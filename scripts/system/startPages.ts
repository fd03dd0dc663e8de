// The wallet and merchant pages through Vite's dev server, bound to 127.0.0.1.
import { join } from 'node:path';
import { createServer } from 'vite';

export async function startPages(params: {
  port: number;
  configFile: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  process.env.DECDP_CONFIG_FILE = params.configFile;
  const server = await createServer({
    configFile: join(import.meta.dirname, '..', '..', 'app', 'vite.config.ts'),
    server: { host: '127.0.0.1', port: params.port, strictPort: true },
    logLevel: 'warn',
  });
  await server.listen();
  return { url: `http://localhost:${params.port}/`, stop: () => server.close() };
}
