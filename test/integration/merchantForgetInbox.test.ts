// A shop forgets an inbox a person connected (docs/merchant.md "Connected inboxes"), on a real
// `decdp-merchant serve` process with its own Solid login and a real Community Solid Server: the
// person connects the shop with the wallet's own code (connectMerchant), anonymous calls are
// refused and change nothing, the operator forgets the inbox with `decdp-merchant inboxes forget`,
// and a delivery to it afterwards is refused with INBOX_NOT_CONNECTED while nothing reaches the pod.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectedInboxId } from '@decdp/sdk/merchant';
import {
  createPodAccount,
  ensureDecdpContainers,
  listContainer,
  listMerchantInboxes,
  type PodAccount,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { demoMerchantCli } from '@decdp/sdk/testing';
import { type MerchantProcess, startMerchantProcess } from '@decdp/sdk/testing/node';
import { connectMerchant } from '@decdp/sdk/wallet';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSolidServer } from '../system/sharedSystem.ts';

const dir = mkdtempSync(join(tmpdir(), 'decdp-forget-inbox-'));
let merchant: MerchantProcess;
let person: PodAccount;
let personSession: PodSession;
let inbox: string;

async function account(role: string): Promise<PodAccount> {
  const name = `${role}-${randomBytes(4).toString('hex')}`;
  const baseUrl = (await sharedSolidServer()).baseUrl;
  return createPodAccount({ baseUrl, email: `${name}@decdp.test`, password: `${name}-pw-1`, podName: name });
}

const call = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  fetch(new URL(path, merchant.url), {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });

async function errorCode(response: Response): Promise<[number, string | undefined, string | undefined]> {
  const body = (await response.json()) as { error?: { code?: string; field?: string } };
  return [response.status, body.error?.code, body.error?.field];
}

async function listed(): Promise<string[]> {
  const response = await call('GET', 'inboxes', { token: merchant.operatorToken });
  expect(response.status).toBe(200);
  return ((await response.json()) as { inbox: string }[]).map((box) => box.inbox);
}

async function newRequest(): Promise<SignedRequest> {
  const response = await call('POST', 'requests', {
    token: merchant.operatorToken,
    body: {
      purpose: { code: 'books', text: 'Book club for adults' },
      retentionDays: 30,
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as SignedRequest;
}

const cli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      join(import.meta.dirname, '..', '..', 'sdk', 'src', 'merchant', 'cli', 'decdpMerchant.ts'),
      'inboxes',
      ...args,
      '--service',
      merchant.url,
      '--json',
    ],
    { encoding: 'utf8', env: { ...process.env, DECDP_OPERATOR_TOKEN: merchant.operatorToken } },
  );

beforeAll(async () => {
  const solid = await sharedSolidServer();
  const shop = await account('forgetful-shop');
  person = await account('forget-me');
  const demo = await demoMerchantCli();
  merchant = await startMerchantProcess({
    args: [
      ...demo.args,
      '--port',
      '0',
      '--db',
      join(dir, 'merchant.sqlite'),
      '--threads',
      '0',
      '--solid-issuer',
      solid.baseUrl,
      '--solid-client-id',
      shop.clientId,
    ],
    env: { ...demo.env, DECDP_SOLID_CLIENT_SECRET: shop.clientSecret },
  });
  personSession = await loginWithClientCredentials({
    oidcIssuer: solid.baseUrl,
    clientId: person.clientId,
    clientSecret: person.clientSecret,
  });
  await ensureDecdpContainers({ podUrl: person.podUrl, webId: person.webId, fetch: personSession.fetch });
  // "Connect this shop", as the wallet does it: a fresh inbox only the shop's WebID may append to.
  inbox = (
    await connectMerchant({
      merchantUrl: merchant.url,
      podUrl: person.podUrl,
      webId: person.webId,
      fetch: personSession.fetch,
    })
  ).inbox;
});
afterAll(async () => {
  await personSession?.logout();
  await merchant?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a shop forgets a connected inbox', () => {
  it('is connected only when the service signs as the request’s sender (connecting from an answer)', async () => {
    const before = await listMerchantInboxes({ podUrl: person.podUrl, fetch: personSession.fetch });
    await expect(
      connectMerchant({
        merchantUrl: merchant.url,
        podUrl: person.podUrl,
        webId: person.webId,
        fetch: personSession.fetch,
        merchantAddress: Wallet.createRandom().address,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'merchantUrl' });
    expect(await listMerchantInboxes({ podUrl: person.podUrl, fetch: personSession.fetch })).toEqual(before);
    expect(await listed()).toEqual([inbox]);
  });

  it('lists connected inboxes to the operator only, and refuses an anonymous forget with nothing changed', async () => {
    const id = connectedInboxId(inbox);
    expect(await errorCode(await call('GET', 'inboxes'))).toEqual([401, 'UNAUTHORIZED', 'authorization']);
    expect((await errorCode(await call('DELETE', `inboxes/${id}`)))[0]).toBe(401);
    expect((await errorCode(await call('DELETE', `inboxes/${id}`, { token: 'dcdp_0_0' })))[0]).toBe(401);
    const response = await call('GET', 'inboxes', { token: merchant.operatorToken });
    expect(await response.json()).toEqual([{ id, inbox }]);
    // The shop can still deliver there: to every inbox, and to this one by its id.
    const signed = await newRequest();
    const everyone = await call('POST', `requests/${signed.request.id}/deliveries`, { token: merchant.operatorToken });
    expect(await everyone.json()).toEqual({ delivered: 1, closed: 0, failed: 0 });
    const one = await call('POST', `requests/${signed.request.id}/deliveries`, {
      token: merchant.operatorToken,
      body: { inbox: id },
    });
    expect(await one.json()).toEqual({ delivered: 1, closed: 0, failed: 0 });
    expect(await listContainer({ url: inbox, fetch: personSession.fetch })).toHaveLength(2);
  });

  it('refuses a malformed or unknown id with a typed error naming the field', async () => {
    expect(await errorCode(await call('DELETE', 'inboxes/not-an-id', { token: merchant.operatorToken }))).toEqual([
      400,
      'INVALID_INPUT',
      'id',
    ]);
    const unknown = connectedInboxId(`${inbox}other/`);
    expect(await errorCode(await call('DELETE', `inboxes/${unknown}`, { token: merchant.operatorToken }))).toEqual([
      404,
      'INBOX_NOT_CONNECTED',
      'id',
    ]);
    await expect(cli('forget', '--id', unknown)).rejects.toMatchObject({
      stdout: expect.stringContaining('"code":"INBOX_NOT_CONNECTED"'),
    });
    expect(await listed()).toEqual([inbox]);
  });

  it('forgets it with `decdp-merchant inboxes forget`: a delivery there afterwards is refused', async () => {
    const id = connectedInboxId(inbox);
    expect(JSON.parse((await cli('list')).stdout)).toEqual([{ id, inbox }]);
    expect(JSON.parse((await cli('forget', '--id', id)).stdout)).toEqual({ forgotten: { id, inbox } });
    expect(await listed()).toEqual([]);
    expect(JSON.parse((await cli('list')).stdout)).toEqual([]);
    // Forgetting again, or delivering to it by id, is the typed refusal; to everyone reaches no one.
    expect(await errorCode(await call('DELETE', `inboxes/${id}`, { token: merchant.operatorToken }))).toEqual([
      404,
      'INBOX_NOT_CONNECTED',
      'id',
    ]);
    const signed = await newRequest();
    const one = await call('POST', `requests/${signed.request.id}/deliveries`, {
      token: merchant.operatorToken,
      body: { inbox: id },
    });
    expect(await errorCode(one)).toEqual([404, 'INBOX_NOT_CONNECTED', 'id']);
    const everyone = await call('POST', `requests/${signed.request.id}/deliveries`, { token: merchant.operatorToken });
    expect(await everyone.json()).toEqual({ delivered: 0, closed: 0, failed: 0 });
    // Nothing more reached the pod; the person's inbox itself is theirs to close.
    expect(await listContainer({ url: inbox, fetch: personSession.fetch })).toHaveLength(2);
  });
});
