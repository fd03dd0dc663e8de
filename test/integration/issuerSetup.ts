// Shared by the issuer integration tests: an issuer service over real HTTP with given sources, a
// file issuance log and a file session store (so a test can restart it on the same port and
// files), and small helpers to read typed errors and to follow the bank's redirect flow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecdpError } from '@decdp/sdk/errors';
import {
  createFileIssuanceLog,
  createIssuerService,
  type IssuanceLog,
  type IssuerSourceConfig,
  openIssuerSessionStore,
  serveHttp,
} from '@decdp/sdk/issuer/node';
import type { IssuanceSession } from '@decdp/sdk/wallet';
import type { VerificationKey } from '@decdp/sdk/zk';

export const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';

export type TestIssuer = {
  url: string;
  log: IssuanceLog;
  dir: string;
  /** Stops the process's service and store, and starts a new one on the same port and files. */
  restart(params?: { now?: () => number }): Promise<void>;
  stop(): Promise<void>;
};

export async function startTestIssuer(params: {
  sources: (publicUrl: string) => Promise<IssuerSourceConfig[]>;
  verificationKey: VerificationKey;
}): Promise<TestIssuer> {
  const dir = mkdtempSync(join(tmpdir(), 'decdp-issuer-'));
  const log = createFileIssuanceLog(join(dir, 'issuance.jsonl'));
  let port: number | undefined;
  let url = '';
  let sources: IssuerSourceConfig[] | undefined;
  const start = async (now?: () => number) => {
    const sessions = openIssuerSessionStore({ path: join(dir, 'sessions.sqlite') });
    let app: ReturnType<typeof createIssuerService> | undefined;
    const server = await serveHttp({
      app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
      ...(port ? { port } : {}),
    });
    port = server.port;
    url = server.url;
    sources ??= await params.sources(server.url);
    app = createIssuerService({
      name: 'Test issuer',
      publicUrl: server.url,
      sources,
      verificationKey: params.verificationKey,
      log,
      sessions,
      operatorToken: OPERATOR_TOKEN,
      allowedOrigins: [],
      ...(now ? { now } : {}),
    });
    return async () => {
      await server.close();
      sessions.close();
    };
  };
  let stopRunning = await start();
  return {
    get url() {
      return url;
    },
    log,
    dir,
    restart: async (options = {}) => {
      await stopRunning();
      // A restart takes a moment: clients notice their kept-alive sockets closed (undici does not retry on one).
      await new Promise((resolve) => setTimeout(resolve, 200));
      stopRunning = await start(options.now);
    },
    stop: async () => {
      await stopRunning();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The code and field of the DecdpError `promise` rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DecdpError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a DecdpError');
}

/** Opens the bank's page, signs in and decides, as the person's browser would; returns where the bank sends it. */
export async function approveAtBank(
  session: IssuanceSession,
  login: { username: string; password: string },
  decision: 'approve' | 'deny' = 'approve',
): Promise<string> {
  if (session.authentication.kind !== 'redirect') throw new Error('expected a redirect');
  const page = await fetch(session.authentication.url);
  if (!(await page.text()).includes('SANDBOX')) throw new Error('expected the sandbox bank’s page');
  const answer = await fetch(session.authentication.url, {
    method: 'POST',
    body: new URLSearchParams({ ...login, decision }),
    redirect: 'manual',
  });
  if (answer.status !== 302) throw new Error(`the bank answered ${answer.status}, not a redirect`);
  return answer.headers.get('location') as string;
}

/** The browser arriving back at the issuer's callback. */
export async function callback(
  location: string,
): Promise<{ status: number; body: { error?: { code: string; field?: string } } }> {
  const response = await fetch(location, { redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : {} };
}
