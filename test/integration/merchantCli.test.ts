// `decdp-merchant serve` as a real process: ready line, health, a request answered with a real
// proof, the person's revocation through the wallet function over HTTP, clean stop; on SQLite and
// on a throwaway PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMerchantProcess } from '../../sdk/src/merchant/cli/startMerchantProcess.ts';
import type { ConsentReceipt } from '../../sdk/src/protocol/consentReceipt.ts';
import type { SignedRequest } from '../../sdk/src/protocol/request.ts';
import { findPostgresBin, type LocalPostgres, startLocalPostgres } from '../../sdk/src/store/startLocalPostgres.ts';
import { makeHolder } from '../../sdk/src/testing/demo.ts';
import { proveRequest } from '../../sdk/src/wallet/proveRequest.ts';
import { revokeConsent } from '../../sdk/src/wallet/revokeConsent.ts';
import { releaseProverThreads } from '../../sdk/src/zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../../sdk/src/zk/loadNodeArtifacts.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-cli-'));
let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let postgres: LocalPostgres | undefined;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  if (findPostgresBin()) postgres = await startLocalPostgres();
  else console.warn('merchantCli: PostgreSQL binaries not found; the PostgreSQL case is skipped');
});
afterAll(async () => {
  await releaseProverThreads();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('decdp-merchant serve', () => {
  it('refuses bad flags with a JSON error and exit code 2', async () => {
    await expect(startMerchantProcess({ args: ['--port', 'eighty'] })).rejects.toThrow(/exited 2[\s\S]*--port/);
    await expect(startMerchantProcess({ args: [] })).rejects.toThrow(/no merchant key/);
  });

  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`serves, records, revokes and stops cleanly on ${kind}`, async () => {
      if (kind === 'postgres' && !postgres) return;
      const db = kind === 'sqlite' ? join(dir, 'merchant.sqlite') : (postgres as LocalPostgres).url;
      const service = await startMerchantProcess({ args: ['--demo', '--port', '0', '--db', db, '--threads', '1'] });
      try {
        expect(service.lines.map((line) => line.event)).toEqual(['progress', 'progress', 'progress', 'ready']);
        expect(await (await fetch(`${service.url}health`)).json()).toEqual({ ok: true });
        const created = await post(`${service.url}requests`, {
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
          retentionDays: 30,
        });
        expect(created.status).toBe(201);
        const signedRequest = (await created.json()) as SignedRequest;
        expect(signedRequest.request.merchant.requestEndpoint).toBe(`${service.url}requests`);
        const bundle = await proveRequest({
          signedRequest,
          credentials: holder.credentials,
          holderSecret: holder.holderSecret,
          recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
          artifacts,
        });
        const answered = await post(`${service.url}requests/${signedRequest.request.id}/answers`, bundle);
        expect(answered.status).toBe(201);
        const { record } = (await answered.json()) as { record: { id: number; proofHash: string; pseudonym: string } };
        const receipt = {
          requestId: signedRequest.request.id,
          ...record,
          recordId: record.id,
        } as unknown as ConsentReceipt;
        const confirmation = await revokeConsent({
          receipt,
          signedRequest,
          credentials: holder.credentials,
          holderSecret: holder.holderSecret,
          artifacts,
        });
        expect(confirmation.confirmation).toMatchObject({ deletedRecords: 1, proofHash: record.proofHash });
        expect(await (await fetch(`${service.url}records`)).json()).toEqual([]);
        // Request logs are JSON lines with stable fields.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(service.lines.some((line) => line.route === '/revocations' && line.status === 200)).toBe(true);
      } finally {
        expect(await service.stop()).toBe(0);
      }
      expect(service.lines.at(-1)).toMatchObject({ event: 'progress', step: 'stopping (SIGTERM)' });
    });
  }
});
