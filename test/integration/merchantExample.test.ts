// examples/merchant-shop/server.ts as a user runs it: its own process, real proof, light record.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createOperatorToken, openStore } from '@decdp/sdk/merchant/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { MERCHANT_PRIVATE_KEY, makeHolder } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/system/freePort.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-example-'));
afterAll(async () => {
  await releaseProverThreads();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/merchant-shop/server.ts', () => {
  it('starts a merchant service that records a verified answer as a light record', async () => {
    const holder = await makeHolder();
    const port = await freePort();
    // The operator's first step (`decdp-merchant tokens create --db merchant.sqlite`): admin routes need it.
    const tokenStore = await openStore({ db: join(dir, 'merchant.sqlite') });
    const { token } = await createOperatorToken({ store: tokenStore, name: 'example' });
    await tokenStore.close();
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, '../../examples/merchant-shop/server.ts')],
      {
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: join(dir, 'merchant.sqlite'),
          MERCHANT_KEY: MERCHANT_PRIVATE_KEY,
          TRUSTED_ISSUER: holder.issuer.keyHash.toString(),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`example exited ${code}`)));
        createInterface({ input: child.stdout }).on('line', (line) => {
          const match = /merchant service on (\S+)/.exec(line);
          if (match?.[1]) resolve(match[1]);
        });
      });
      const admin = { authorization: `Bearer ${token}` };
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(path === 'requests' ? admin : {}) },
          body: JSON.stringify(body),
        });
      const signedRequest = (await (
        await post('requests', {
          predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
          purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
          retentionDays: 30,
        })
      ).json()) as SignedRequest;
      const bundle = await proveRequest({
        signedRequest,
        credentials: holder.credentials,
        holderSecret: holder.holderSecret,
        recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        artifacts: await loadNodeArtifacts(),
      });
      const answer = await post(`requests/${signedRequest.request.id}/answers`, bundle);
      expect(answer.status).toBe(201);
      const records = (await (await fetch(`${url}records`, { headers: admin })).json()) as { predicates: string[] }[];
      expect(records.map((record) => record.predicates)).toEqual([['age ≥ 18']]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
