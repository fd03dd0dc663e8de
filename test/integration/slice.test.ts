// The whole slice against the real Solid server, real anvil and the real merchant service:
// credentials from the pod → signed request → proof → verified light record → on-chain reward.

import { readTokenBalance } from '@decdp/sdk/chain';
import { listContainer, readJsonDocument, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import type { ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { parseCredential } from '@decdp/sdk/protocol';
import { proveRequest } from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { listeningAddresses } from './listeningAddresses.ts';

let system: System;
let podFetch: typeof fetch;
let provider: JsonRpcProvider;

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  system = await sharedSystem();
  expect(system.demo.podUrl).toMatch(/^http:\/\/localhost:\d+\//);
  provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
});
afterAll(async () => {
  await releaseProverThreads();
  provider?.destroy();
  await system?.stop();
});

describe('request → proof → light record → reward', () => {
  it('answers a rewarded age request from pod credentials and gets paid once', async () => {
    const session = await loginAsDemo();
    podFetch = session.fetch;
    const credentialUrls = await listContainer({ url: `${system.demo.podUrl}decdp/credentials/`, fetch: podFetch });
    const credentials = await Promise.all(
      credentialUrls.map(async (url: string) => parseCredential(await readJsonDocument({ url, fetch: podFetch }))),
    );
    expect(credentials.map((credential) => credential.credentialSubject.attribute).sort()).toEqual([
      'age',
      'countryOfResidence',
      'interest',
    ]);

    const created = await postJson(
      `${system.urls.merchantService}requests`,
      {
        predicates: [{ attribute: 'countryOfResidence', op: 'eq', value: 'NL' }],
        purpose: { code: 'loyalty', text: 'Dutch cyclists club offer' },
        retentionDays: 30,
        reward: true,
      },
      { authorization: `Bearer ${system.operatorToken}` },
    );
    expect(created.status).toBe(201);
    const signedRequest = created.body as unknown as SignedRequest;
    expect(signedRequest.request.predicates).toHaveLength(2); // the campaign's age ≥ 18 was added

    const bundle: ProofBundle = await proveRequest({
      signedRequest,
      credentials,
      holderSecret: system.demo.holderSecret,
      recipient: system.demo.recipient,
      artifacts: await loadNodeArtifacts(),
    });
    const before = await readTokenBalance({
      runner: provider,
      token: system.deployment.token,
      owner: system.demo.recipient,
    });
    const answered = await postJson(
      `${system.urls.merchantService}requests/${signedRequest.request.id}/answers`,
      bundle,
    );
    expect(answered.status).toBe(201);
    const reward = answered.body.reward as { txHash: string; amount: string };
    expect(reward.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const after = await readTokenBalance({
      runner: provider,
      token: system.deployment.token,
      owner: system.demo.recipient,
    });
    expect(after - before).toBe(BigInt(reward.amount));

    // The same bundle again records nothing new and pays nothing new.
    const again = await postJson(`${system.urls.merchantService}requests/${signedRequest.request.id}/answers`, bundle);
    expect(again.status).toBe(200);
    expect(
      await readTokenBalance({ runner: provider, token: system.deployment.token, owner: system.demo.recipient }),
    ).toBe(after);

    const admin = { authorization: `Bearer ${system.operatorToken}` };
    const records = (await (await fetch(`${system.urls.merchantService}records`, { headers: admin })).json()) as Record<
      string,
      unknown
    >[];
    // This answer's record (the system is shared with other files; their records may be there too).
    const mine = records.filter((record) => record.requestId === signedRequest.request.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.predicates).toEqual(['age ≥ 18', 'country of residence is NL']);
    expect(JSON.stringify(records)).not.toMatch(/"value"|"34"|Amsterdam/);

    // The wallet keeps its consent receipt in the pod.
    const receiptUrl = `${system.demo.podUrl}decdp/receipts/${signedRequest.request.id}.json`;
    await writeJsonDocument({
      url: receiptUrl,
      data: { requestId: signedRequest.request.id, record: mine[0] },
      fetch: podFetch,
    });
    expect(await readJsonDocument({ url: receiptUrl, fetch: podFetch })).toMatchObject({
      requestId: signedRequest.request.id,
    });
  });

  it('binds every server to 127.0.0.1 only (Solid, merchant service, anvil)', () => {
    for (const url of [system.urls.solid, system.urls.merchantService, system.urls.rpc]) {
      const port = Number(new URL(url).port);
      expect(listeningAddresses(port), url).toEqual(['127.0.0.1']);
    }
  });

  it('keeps the pod closed to strangers', async () => {
    const response = await fetch(`${system.demo.podUrl}decdp/credentials/`);
    expect(response.status).toBe(401);
  });
});

function loginAsDemo() {
  return loginWithClientCredentials(system.demo.login);
}
