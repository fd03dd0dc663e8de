// Shared by the issuer integration tests: an issuer service over real HTTP with given sources, a
// file issuance log, and small helpers to read typed errors and to follow a redirect flow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecdpError } from '@decdp/sdk/errors';
import {
  createFileIssuanceLog,
  createIssuerService,
  type IssuanceLog,
  type IssuerSourceConfig,
  serveHttp,
} from '@decdp/sdk/issuer/node';
import type { VerificationKey } from '@decdp/sdk/zk';

export const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789';

export type TestIssuer = { url: string; log: IssuanceLog; dir: string; stop(): Promise<void> };

export async function startTestIssuer(params: {
  sources: (publicUrl: string) => Promise<IssuerSourceConfig[]>;
  verificationKey: VerificationKey;
}): Promise<TestIssuer> {
  const dir = mkdtempSync(join(tmpdir(), 'decdp-issuer-'));
  const log = createFileIssuanceLog(join(dir, 'issuance.jsonl'));
  let app: ReturnType<typeof createIssuerService> | undefined;
  const server = await serveHttp({
    app: { fetch: (request: Request, env?: object) => (app as NonNullable<typeof app>).fetch(request, env) },
  });
  app = createIssuerService({
    name: 'Test issuer',
    publicUrl: server.url,
    sources: await params.sources(server.url),
    verificationKey: params.verificationKey,
    log,
    operatorToken: OPERATOR_TOKEN,
    allowedOrigins: [],
  });
  return {
    url: server.url,
    log,
    dir,
    stop: async () => {
      await server.close();
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
