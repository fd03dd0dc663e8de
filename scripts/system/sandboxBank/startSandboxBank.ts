// Serves the PSD2 sandbox bank on 127.0.0.1 (npm start, tests).
import { serveHttp } from '@decdp/sdk/issuer/node';
import { createSandboxBank, type SandboxBank } from './createSandboxBank.ts';

export type RunningSandboxBank = SandboxBank & { url: string; stop(): Promise<void> };

export async function startSandboxBank(params: { port?: number } = {}): Promise<RunningSandboxBank> {
  let url = '';
  const bank = createSandboxBank({ baseUrl: () => url });
  const server = await serveHttp({ app: bank.app, ...(params.port ? { port: params.port } : {}) });
  url = server.url;
  return { ...bank, url, stop: server.close };
}
