// The wallet agent through outages. The chain alone (the agent's way to its node cut): a rewarded
// request waits and is retried with backoff while an unrewarded one is answered at once; back, the
// rewarded one is answered and paid to the shop's own address. Then everything it talks to: the
// Solid server, anvil and the merchant service stop (the whole system, kept on disk) while a
// request waits in the pod inbox; the agent retries with backoff instead of dying or dropping the
// request, and answers it once the system is back on the same ports — once, with its receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTokenBalance } from '@decdp/sdk/chain';
import { decdpUrls, listContainer, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { rewardAddressFor } from '@decdp/sdk/wallet';
import { JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/system/freePort.ts';
import { type System, type SystemPorts, startSystem } from '../../scripts/system/startSystem.ts';
import { type AgentProcess, deliverRequest, recordsFor, setUpAgent, startAgentProcess } from './walletAgentProcess.ts';

const PASSPHRASE = 'agent passphrase through the storm';
const dir = mkdtempSync(join(tmpdir(), 'decdp-agent-outage-'));
let system: System | undefined;
let agent: AgentProcess | undefined;

let gate: ReturnType<typeof tcpGate> | undefined;
let ports: Partial<SystemPorts>;
const dataDir = join(dir, 'system');
const start = () => startSystem({ pages: false, dataDir, ports });

beforeAll(async () => {
  ports = {
    solid: await freePort(),
    merchantService: await freePort(),
    rpc: await freePort(),
    issuer: await freePort(),
    sandboxBank: await freePort(),
  };
  system = await start();
}, 300_000);
afterAll(async () => {
  await agent?.stop();
  await gate?.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A TCP relay to `target` that can be cut (connections refused, open ones dropped) and restored. */
function tcpGate(params: { port: number; target: number }) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  return {
    url: `http://127.0.0.1:${params.port}/`,
    open: () =>
      new Promise<void>((resolve) => {
        server = createServer((client) => {
          const upstream = connect(params.target, '127.0.0.1');
          track(client);
          track(upstream);
          client.pipe(upstream).pipe(client);
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
        });
        server.listen(params.port, '127.0.0.1', () => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
  };
}

const adultRule = () => ({
  version: 1,
  id: 'adult',
  effect: 'allow',
  label: 'Always prove I am an adult',
  attributes: ['age'],
  predicate: { op: 'gte', value: 18 },
  createdAt: new Date().toISOString(),
});

describe('decdp-wallet-agent through an outage', () => {
  it('answers what needs no chain while the chain is unreachable; the rewarded request waits, retried, and is paid to the shop’s address once the chain is back', async () => {
    if (!system) throw new Error('the system did not start');
    const owner = await loginWithClientCredentials(system.demo.login);
    await writeJsonDocument({
      url: `${decdpUrls(system.demo.podUrl).policies}adult.json`,
      data: adultRule(),
      fetch: owner.fetch,
    });
    // The agent reaches its chain node through a gate that is shut.
    gate = tcpGate({ port: await freePort(), target: ports.rpc ?? 0 });
    const files = await setUpAgent({ system, dir, passphrase: PASSPHRASE, rpcUrl: gate.url, name: 'chain-cut' });
    agent = startAgentProcess({ ...files, passphrase: PASSPHRASE });
    await agent.waitForLine(/agent: watching/);
    const rewarded = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], reward: true },
    });
    const plain = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] },
    });
    await agent.waitForLine(new RegExp(`request ${rewarded.request.id} waits: CHAIN_ERROR: .*retrying in`));
    await agent.waitForLine(new RegExp(`request ${plain.request.id} .* answered`));
    expect(await recordsFor(system, plain.request.id)).toHaveLength(1);
    // Retried with growing waits, still not answered.
    await agent.waitForLine(new RegExp(`request ${rewarded.request.id} waits: CHAIN_ERROR: .*retrying in [2-9] s`));
    expect(await recordsFor(system, rewarded.request.id)).toEqual([]);
    expect(agent.child.exitCode).toBeNull();

    const shopRecipient = rewardAddressFor({
      phrase: system.demo.recoveryPhrase,
      merchantAddress: system.merchants[0]?.address ?? '',
    });
    const provider = new JsonRpcProvider(system.urls.rpc, undefined, { staticNetwork: true });
    const balance = () =>
      readTokenBalance({ runner: provider, token: system?.deployment.token ?? '', owner: shopRecipient });
    const before = await balance();
    await gate.open();
    await agent.waitForLine(new RegExp(`request ${rewarded.request.id} .* answered.*reward paid in 0x`), 60_000);
    expect(await recordsFor(system, rewarded.request.id)).toHaveLength(1);
    expect((await balance()) - before).toBe(5n * 10n ** 18n);
    provider.destroy();
    await owner.logout();
    await agent.stop();
    agent = undefined;
  });

  it('retries while the pod, chain and merchant are down, and answers the waiting request once they are back', async () => {
    await agent?.stop();
    system ??= await start();
    const owner = await loginWithClientCredentials(system.demo.login);
    await writeJsonDocument({
      url: `${decdpUrls(system.demo.podUrl).policies}adult.json`,
      data: adultRule(),
      fetch: owner.fetch,
    });
    const files = await setUpAgent({ system, dir, passphrase: PASSPHRASE });
    // A request arrives while the agent is not running; then everything goes down.
    const signed = await deliverRequest({
      system,
      owner,
      body: { predicates: [{ attribute: 'age', op: 'gte', value: 18 }] },
    });
    await owner.logout();
    await system.stop();
    system = undefined;

    agent = startAgentProcess({ ...files, passphrase: PASSPHRASE });
    await agent.waitForLine(/agent: POD_ERROR: .*retrying in/, 60_000);
    await agent.waitForLine(/agent: POD_ERROR: .*retrying in \d+ s/, 60_000);
    expect(agent.child.exitCode).toBeNull();

    system = await start();
    await agent.waitForLine(new RegExp(`request ${signed.request.id} .* answered`), 180_000);
    // Logged once the whole cycle that answered has finished (receipt and policy log written).
    await agent.waitForLine(/agent: reachable again/, 60_000);
    expect(await recordsFor(system, signed.request.id)).toHaveLength(1);
    const reader = await loginWithClientCredentials(system.demo.login);
    const receipts = (await listContainer({ url: decdpUrls(system.demo.podUrl).receipts, fetch: reader.fetch })).filter(
      (url) => decodeURIComponent(url).includes(`-${signed.request.id}-`),
    );
    await reader.logout();
    expect(receipts).toHaveLength(1);
  });
});
