// The wallet agent through an outage of everything it talks to: the Solid server, anvil and the
// merchant service stop (the whole system, kept on disk) while a request waits in the pod inbox;
// the agent retries with backoff instead of dying or dropping the request, and answers it once
// the system is back on the same ports — once, with its receipt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decdpUrls, listContainer, writeJsonDocument } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/system/freePort.ts';
import { type System, type SystemPorts, startSystem } from '../../scripts/system/startSystem.ts';
import { type AgentProcess, deliverRequest, recordsFor, setUpAgent, startAgentProcess } from './walletAgentProcess.ts';

const PASSPHRASE = 'agent passphrase through the storm';
const dir = mkdtempSync(join(tmpdir(), 'decdp-agent-outage-'));
let system: System | undefined;
let agent: AgentProcess | undefined;

afterAll(async () => {
  await agent?.stop();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('decdp-wallet-agent through an outage', () => {
  it('retries while the pod, chain and merchant are down, and answers the waiting request once they are back', async () => {
    const ports: Partial<SystemPorts> = {
      solid: await freePort(),
      merchantService: await freePort(),
      rpc: await freePort(),
      issuer: await freePort(),
      sandboxBank: await freePort(),
    };
    const dataDir = join(dir, 'system');
    const start = () => startSystem({ pages: false, dataDir, ports });
    system = await start();
    const owner = await loginWithClientCredentials(system.demo.login);
    await writeJsonDocument({
      url: `${decdpUrls(system.demo.podUrl).policies}adult.json`,
      data: {
        version: 1,
        id: 'adult',
        effect: 'allow',
        label: 'Always prove I am an adult',
        attributes: ['age'],
        predicate: { op: 'gte', value: 18 },
        createdAt: new Date().toISOString(),
      },
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
