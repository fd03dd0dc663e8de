// The pod layer against a real Community Solid Server: accounts through the account API, the
// /decdp/ containers closed to everyone but the owner, loopback-only binding, and the file backend
// keeping data across a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PodError } from '@decdp/sdk/errors';
import {
  createPodAccount,
  decdpUrls,
  deleteDocument,
  ensureDecdpContainers,
  listContainer,
  type PodAccount,
  readJsonDocument,
  writeJsonDocument,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SolidServer, startSolidServer } from '../../scripts/system/startSolidServer.ts';

let server: SolidServer;
let alice: PodAccount;
let bob: PodAccount;
let aliceSession: PodSession;
let bobSession: PodSession;

async function account(name: string): Promise<PodAccount> {
  return createPodAccount({
    baseUrl: server.baseUrl,
    email: `${name}@decdp.test`,
    password: `${name}-pw-123`,
    podName: name,
  });
}

beforeAll(async () => {
  server = await startSolidServer();
  [alice, bob] = [await account('alice'), await account('bob')];
  aliceSession = await loginWithClientCredentials({ oidcIssuer: server.baseUrl, ...login(alice) });
  bobSession = await loginWithClientCredentials({ oidcIssuer: server.baseUrl, ...login(bob) });
  await ensureDecdpContainers({ podUrl: alice.podUrl, webId: aliceSession.webId, fetch: aliceSession.fetch });
});
afterAll(async () => {
  await aliceSession?.logout();
  await bobSession?.logout();
  await server?.stop();
});

function login(person: PodAccount) {
  return { clientId: person.clientId, clientSecret: person.clientSecret };
}

describe('pod accounts and documents', () => {
  it('creates an account with a pod at http://localhost:PORT/<name>/ and logs in as its WebID', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/localhost:\d+\/$/);
    expect(alice.podUrl).toBe(`${server.baseUrl}alice/`);
    expect(aliceSession.webId).toBe(alice.webId);
  });

  it('writes, lists, reads and deletes JSON documents in the owner pod', async () => {
    const urls = decdpUrls(alice.podUrl);
    const url = `${urls.credentials}age.json`;
    await writeJsonDocument({ url, data: { attribute: 'age', value: '34' }, fetch: aliceSession.fetch });
    expect(await listContainer({ url: urls.credentials, fetch: aliceSession.fetch })).toEqual([url]);
    expect(await readJsonDocument({ url, fetch: aliceSession.fetch })).toEqual({ attribute: 'age', value: '34' });
    await deleteDocument({ url, fetch: aliceSession.fetch });
    await deleteDocument({ url, fetch: aliceSession.fetch }); // already gone: still fine
    expect(await listContainer({ url: urls.credentials, fetch: aliceSession.fetch })).toEqual([]);
  });

  it('ensureDecdpContainers is idempotent and creates every container', async () => {
    const urls = await ensureDecdpContainers({ podUrl: alice.podUrl, webId: alice.webId, fetch: aliceSession.fetch });
    for (const container of [urls.credentials, urls.requests, urls.receipts, urls.policies]) {
      expect((await aliceSession.fetch(container, { method: 'HEAD' })).status).toBe(200);
    }
  });

  it('a missing container lists as empty; a document that is not JSON is a PodError', async () => {
    expect(await listContainer({ url: `${alice.podUrl}nothing-here/`, fetch: aliceSession.fetch })).toEqual([]);
    const url = `${decdpUrls(alice.podUrl).root}notes.txt`;
    await aliceSession.fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'not json' });
    await expect(readJsonDocument({ url, fetch: aliceSession.fetch })).rejects.toMatchObject({ code: 'POD_ERROR' });
  });

  it('refuses to create a second account with the same email, with the server reason', async () => {
    await expect(account('alice')).rejects.toBeInstanceOf(PodError);
  });
});

describe('access: the owner only', () => {
  const secret = () => `${decdpUrls(alice.podUrl).credentials}secret.json`;
  beforeAll(async () => {
    await writeJsonDocument({ url: secret(), data: { value: 'only alice' }, fetch: aliceSession.fetch });
  });

  it('anonymous reads of /decdp/, its documents and the pod root answer 401', async () => {
    for (const url of [secret(), decdpUrls(alice.podUrl).root, decdpUrls(alice.podUrl).credentials, alice.podUrl]) {
      expect((await fetch(url)).status, url).toBe(401);
    }
  });

  it('another account reading or writing answers 403, and nothing is written', async () => {
    await expect(readJsonDocument({ url: secret(), fetch: bobSession.fetch })).rejects.toMatchObject({
      code: 'POD_ERROR',
      status: 403,
    });
    await expect(
      writeJsonDocument({ url: secret(), data: { value: 'bob was here' }, fetch: bobSession.fetch }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      writeJsonDocument({ url: `${decdpUrls(alice.podUrl).requests}spam.json`, data: {}, fetch: bobSession.fetch }),
    ).rejects.toMatchObject({ status: 403 });
    expect((await bobSession.fetch(`${alice.podUrl}.acl`)).status).toBe(403);
    expect(await readJsonDocument({ url: secret(), fetch: aliceSession.fetch })).toEqual({ value: 'only alice' });
    expect(await listContainer({ url: decdpUrls(alice.podUrl).requests, fetch: aliceSession.fetch })).toEqual([]);
  });

  it('anonymous writes answer 401', async () => {
    const response = await fetch(`${decdpUrls(alice.podUrl).requests}spam.json`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('the WebID profile stays public (logins need it)', async () => {
    expect((await fetch(alice.webId)).status).toBe(200);
  });
});

describe('the server', () => {
  it('accepts connections on 127.0.0.1 only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    expect(await canConnect('127.0.0.1', server.port)).toBe(true);
    if (external) expect(await canConnect(external.address, server.port)).toBe(false);
  });

  it('with a data folder keeps accounts and documents across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'decdp-pod-'));
    try {
      let disk = await startSolidServer({ dataDir });
      const person = await createPodAccount({
        baseUrl: disk.baseUrl,
        email: 'carol@decdp.test',
        password: 'carol-pw-123',
        podName: 'carol',
      });
      const first = await loginWithClientCredentials({ oidcIssuer: disk.baseUrl, ...login(person) });
      const urls = await ensureDecdpContainers({ podUrl: person.podUrl, webId: first.webId, fetch: first.fetch });
      await writeJsonDocument({ url: urls.wallet, data: { kept: true }, fetch: first.fetch });
      await first.logout();
      await disk.stop();

      disk = await startSolidServer({ dataDir, port: disk.port });
      try {
        const again = await loginWithClientCredentials({ oidcIssuer: disk.baseUrl, ...login(person) });
        expect(await readJsonDocument({ url: urls.wallet, fetch: again.fetch })).toEqual({ kept: true });
        expect((await fetch(urls.wallet)).status).toBe(401);
        await again.logout();
      } finally {
        await disk.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
