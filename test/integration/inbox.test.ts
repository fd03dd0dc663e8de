// The pod inbox against a real Community Solid Server: others may only append; merchants deliver
// with their own Solid login; per-merchant inboxes the person can close; the wallet's reading
// discards spam (and deletes it) without hiding a real request.

import { randomBytes } from 'node:crypto';
import { createRequest, deliverRequest, deliverToInboxes } from '@decdp/sdk/merchant';
import { openSqliteStore } from '@decdp/sdk/merchant/node';
import {
  closeMerchantInbox,
  createPodAccount,
  decdpUrls,
  deleteDocument,
  ensureDecdpContainers,
  ensureInbox,
  listContainer,
  listMerchantInboxes,
  type MerchantInbox,
  openMerchantInbox,
  type PodAccount,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { INBOX_LIMITS, type InboxRequest, readInbox, watchInbox } from '@decdp/sdk/wallet';
import { type Signer, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolidServer } from '../../scripts/system/startSolidServer.ts';
import { sharedSolidServer } from '../system/sharedSystem.ts';

let server: SolidServer;
/** The project's Solid server is shared: this file's accounts have names of their own. */
const suffix = `-${randomBytes(4).toString('hex')}`;
let anna: PodAccount;
let annaSession: PodSession;
let shopSession: PodSession;
let strangerSession: PodSession;
const shopKey = Wallet.createRandom();
const otherKey = Wallet.createRandom();
const SHOP_ENDPOINT = 'http://127.0.0.1:4100/requests';

async function session(name: string): Promise<{ account: PodAccount; session: PodSession }> {
  const account = await createPodAccount({
    baseUrl: server.baseUrl,
    email: `${name}${suffix}@decdp.test`,
    password: `${name}-pw-123`,
    podName: `${name}${suffix}`,
  });
  const login = await loginWithClientCredentials({
    oidcIssuer: server.baseUrl,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  return { account, session: login };
}

function request(params: { signer?: Signer; endpoint?: string; now?: number; ttlSeconds?: number } = {}) {
  return createRequest({
    signer: params.signer ?? shopKey,
    merchant: { name: 'Bike Shop', requestEndpoint: params.endpoint ?? SHOP_ENDPOINT },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    retentionDays: 30,
    ...(params.now === undefined ? {} : { now: params.now }),
    ...(params.ttlSeconds === undefined ? {} : { ttlSeconds: params.ttlSeconds }),
  });
}

/** Appends raw bytes as the shop would (an attacker holding a Solid login can do exactly this). */
async function appendRaw(inbox: string, body: string, contentType = 'application/json'): Promise<string> {
  const response = await shopSession.fetch(inbox, { method: 'POST', headers: { 'content-type': contentType }, body });
  expect(response.status, await response.text()).toBe(201);
  return new URL(response.headers.get('location') as string, inbox).href;
}

beforeAll(async () => {
  server = await sharedSolidServer();
  const person = await session('anna');
  anna = person.account;
  annaSession = person.session;
  shopSession = (await session('bikeshop')).session;
  strangerSession = (await session('stranger')).session;
  await ensureDecdpContainers({ podUrl: anna.podUrl, webId: anna.webId, fetch: annaSession.fetch });
}, 60_000);
afterAll(async () => {
  for (const each of [annaSession, shopSession, strangerSession]) await each?.logout();
  await server?.stop();
});

const inbox = () => decdpUrls(anna.podUrl).inbox;
const clearInbox = async (url = inbox()) => {
  for (const doc of await listContainer({ url, fetch: annaSession.fetch })) {
    await deleteDocument({ url: doc, fetch: annaSession.fetch });
  }
};

describe('the open inbox: append only', () => {
  it('another account appends a signed request and cannot read it back, list, change or delete anything', async () => {
    const signed = await request();
    const delivered = await deliverRequest({ inbox: inbox(), signedRequest: signed, fetch: shopSession.fetch });
    expect(delivered.startsWith(inbox())).toBe(true);

    expect((await shopSession.fetch(delivered)).status).toBe(403);
    expect((await shopSession.fetch(inbox())).status).toBe(403);
    expect((await shopSession.fetch(delivered, { method: 'DELETE' })).status).toBe(403);
    const overwrite = await shopSession.fetch(delivered, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(overwrite.status).toBe(403);
    expect((await strangerSession.fetch(`${inbox()}.acl`)).status).toBe(403);
    // Nor anything else of the person's: append does not reach past the inbox.
    const elsewhere = await shopSession.fetch(decdpUrls(anna.podUrl).requests, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signed),
    });
    expect(elsewhere.status).toBe(403);

    // The owner reads it unchanged.
    const listed = await listContainer({ url: inbox(), fetch: annaSession.fetch });
    expect(listed).toEqual([delivered]);
    const read = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch });
    expect(read.requests.map((item) => item.signedRequest)).toEqual([signed]);
    expect(read.requests[0]?.via).toBe('open');
    await clearInbox();
  });

  it('refuses anonymous agents: no append, no read, no list', async () => {
    const posted = await fetch(inbox(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await request()),
    });
    expect(posted.status).toBe(401);
    expect((await fetch(inbox())).status).toBe(401);
    await expect(
      deliverRequest({ inbox: inbox(), signedRequest: await request(), fetch: globalThis.fetch }),
    ).rejects.toMatchObject({ code: 'POD_ERROR', status: 401, field: 'inbox' });
    expect(await listContainer({ url: inbox(), fetch: annaSession.fetch })).toEqual([]);
  });

  it('a pod set up before the inbox existed gets it from ensureInbox (the upgrade), and a second call changes nothing', async () => {
    const { account, session: owner } = await session('olduser');
    await ensureDecdpContainers({ podUrl: account.podUrl, webId: account.webId, fetch: owner.fetch });
    const old = decdpUrls(account.podUrl).inbox;
    expect((await owner.fetch(old, { method: 'DELETE' })).status).toBe(205);
    expect((await shopSession.fetch(old, { method: 'POST', body: '{}' })).ok).toBe(false);

    expect(await ensureInbox({ podUrl: account.podUrl, webId: account.webId, fetch: owner.fetch })).toBe(old);
    expect(await ensureInbox({ podUrl: account.podUrl, webId: account.webId, fetch: owner.fetch })).toBe(old);
    await deliverRequest({ inbox: old, signedRequest: await request(), fetch: shopSession.fetch });
    expect((await shopSession.fetch(old)).status).toBe(403);
    expect(await listContainer({ url: old, fetch: owner.fetch })).toHaveLength(1);
    await owner.logout();
  });
});

describe('an inbox per merchant', () => {
  let shopInbox: MerchantInbox;
  beforeAll(async () => {
    shopInbox = await openMerchantInbox({
      podUrl: anna.podUrl,
      webId: anna.webId,
      merchant: { name: 'Bike Shop', address: shopKey.address, origin: SHOP_ENDPOINT, webId: shopSession.webId },
      fetch: annaSession.fetch,
    });
  });

  it('has an unguessable address only that merchant may append to', async () => {
    expect(shopInbox.inbox).toMatch(new RegExp(`^${decdpUrls(anna.podUrl).merchantInboxes}[0-9a-f]{32}/$`));
    expect(await listMerchantInboxes({ podUrl: anna.podUrl, fetch: annaSession.fetch })).toEqual([shopInbox]);
    await deliverRequest({ inbox: shopInbox.inbox, signedRequest: await request(), fetch: shopSession.fetch });
    expect((await shopSession.fetch(shopInbox.inbox)).status).toBe(403);
    await expect(
      deliverRequest({ inbox: shopInbox.inbox, signedRequest: await request(), fetch: strangerSession.fetch }),
    ).rejects.toMatchObject({ status: 403 });
    // The list of inboxes and their records are the person's only.
    expect((await shopSession.fetch(decdpUrls(anna.podUrl).merchantInboxes)).status).toBe(403);
    expect((await shopSession.fetch(`${decdpUrls(anna.podUrl).merchantInboxes}${shopInbox.id}.json`)).status).toBe(403);
    const read = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch, merchantInboxes: [shopInbox] });
    expect(read.requests.map((item) => item.via)).toEqual([shopInbox.id]);
  });

  it('keeps only requests signed by that merchant for its own service', async () => {
    await clearInbox(shopInbox.inbox);
    const foreign = await deliverRequest({
      inbox: shopInbox.inbox,
      signedRequest: await request({ signer: otherKey }),
      fetch: shopSession.fetch,
    });
    const elsewhere = await deliverRequest({
      inbox: shopInbox.inbox,
      signedRequest: await request({ endpoint: 'http://127.0.0.1:9999/requests' }),
      fetch: shopSession.fetch,
    });
    const read = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch, merchantInboxes: [shopInbox] });
    expect(read.requests).toEqual([]);
    expect(read.discarded).toEqual(
      expect.arrayContaining([
        { url: foreign, reason: 'WRONG_MERCHANT' },
        { url: elsewhere, reason: 'WRONG_MERCHANT' },
      ]),
    );
    expect(await listContainer({ url: shopInbox.inbox, fetch: annaSession.fetch })).toEqual([]);
  });

  it('the merchant delivers to every connected inbox with its own login, and forgets one the person closed', async () => {
    await clearInbox(shopInbox.inbox);
    const store = openSqliteStore({ path: ':memory:' });
    const other = await openMerchantInbox({
      podUrl: anna.podUrl,
      webId: anna.webId,
      merchant: { name: 'Bike Shop', address: shopKey.address, origin: SHOP_ENDPOINT },
      fetch: annaSession.fetch,
    });
    await store.saveInbox({ url: shopInbox.inbox, createdAt: 1 });
    await store.saveInbox({ url: other.inbox, createdAt: 2 });
    await closeMerchantInbox({ podUrl: anna.podUrl, inbox: other, fetch: annaSession.fetch });
    const signed = await request();
    expect(await deliverToInboxes({ store, signedRequest: signed, fetch: shopSession.fetch })).toEqual({
      delivered: 1,
      closed: 1,
      failed: 0,
    });
    expect(await store.listInboxes()).toEqual([shopInbox.inbox]);
    const read = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch, merchantInboxes: [shopInbox] });
    expect(read.requests.map((item) => item.signedRequest)).toEqual([signed]);
    await store.close();
  });

  it('once closed, the merchant can deliver nothing and the address cannot be opened again by others', async () => {
    await deliverRequest({ inbox: shopInbox.inbox, signedRequest: await request(), fetch: shopSession.fetch });
    await closeMerchantInbox({ podUrl: anna.podUrl, inbox: shopInbox, fetch: annaSession.fetch });
    expect(await listMerchantInboxes({ podUrl: anna.podUrl, fetch: annaSession.fetch })).toEqual([]);
    await expect(
      deliverRequest({ inbox: shopInbox.inbox, signedRequest: await request(), fetch: shopSession.fetch }),
    ).rejects.toMatchObject({ code: 'POD_ERROR' });
    const recreate = await shopSession.fetch(shopInbox.inbox, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle', link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' },
    });
    expect(recreate.ok).toBe(false);
    expect((await annaSession.fetch(shopInbox.inbox, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('reading the inbox: spam is discarded and deleted, real requests stay', () => {
  it('discards unsigned, malformed, oversized, expired, not-JSON and a flood from one sender', async () => {
    await clearInbox();
    const now = Math.floor(Date.now() / 1000);
    const real = await request();
    const realUrl = await deliverRequest({ inbox: inbox(), signedRequest: real, fetch: shopSession.fetch });

    const forged: SignedRequest = { ...(await request()), signature: (await request({ signer: otherKey })).signature };
    const unsigned = await appendRaw(inbox(), JSON.stringify(forged));
    const { signature: _dropped, ...bare } = await request();
    const noSignature = await appendRaw(inbox(), JSON.stringify(bare));
    const malformed = await appendRaw(inbox(), '{"request": ');
    const oversized = await appendRaw(
      inbox(),
      JSON.stringify({ ...(await request()), padding: 'x'.repeat(INBOX_LIMITS.maxBytes) }),
    );
    const notJson = await appendRaw(inbox(), 'hello', 'text/plain');
    const expired = await deliverRequest({
      inbox: inbox(),
      signedRequest: await request({ now: now - 7200, ttlSeconds: 3600 }),
      fetch: shopSession.fetch,
    });
    // A flood: one key sends far more than its share, issued after the real request of another key.
    const flood: string[] = [];
    for (let index = 0; index < INBOX_LIMITS.maxPerSender + 4; index += 1) {
      flood.push(
        await deliverRequest({
          inbox: inbox(),
          signedRequest: await request({ signer: otherKey, now: now + 1 + index }),
          fetch: shopSession.fetch,
        }),
      );
    }
    // The same request twice counts once.
    const duplicate = await deliverRequest({ inbox: inbox(), signedRequest: real, fetch: shopSession.fetch });

    const read = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch });
    const reasons = Object.fromEntries(read.discarded.map((item) => [item.url, item.reason]));
    expect(reasons[unsigned]).toBe('SIGNATURE_INVALID');
    expect(reasons[noSignature]).toBe('MALFORMED');
    expect(reasons[malformed]).toBe('MALFORMED');
    expect(reasons[notJson]).toBe('MALFORMED');
    expect(reasons[oversized]).toBe('OVERSIZED');
    expect(reasons[expired]).toBe('REQUEST_EXPIRED');
    expect(read.discarded.filter((item) => item.reason === 'FLOOD')).toHaveLength(4);
    expect([realUrl, duplicate].map((url) => reasons[url]).filter(Boolean)).toEqual(['DUPLICATE']);

    // The real request is there, the flooding sender keeps its share (its earliest), nothing else.
    expect(read.requests.filter((item) => item.signedRequest.request.merchant.address === shopKey.address)).toEqual([
      expect.objectContaining({ signedRequest: real }),
    ]);
    const kept = read.requests.filter((item) => item.signedRequest.request.merchant.address === otherKey.address);
    expect(kept.map((item) => item.url).sort()).toEqual(flood.slice(0, INBOX_LIMITS.maxPerSender).sort());

    // What was discarded is gone from the pod; a second read finds only what was kept.
    const left = await listContainer({ url: inbox(), fetch: annaSession.fetch });
    expect(left.sort()).toEqual(read.requests.map((item) => item.url).sort());
    const again = await readInbox({ podUrl: anna.podUrl, fetch: annaSession.fetch });
    expect(again.discarded).toEqual([]);
    expect(again.requests).toHaveLength(1 + INBOX_LIMITS.maxPerSender);
  });

  it('stops with a PodError, deleting nothing, when the owner cannot read the inbox', async () => {
    await deliverRequest({ inbox: inbox(), signedRequest: await request(), fetch: shopSession.fetch });
    const before = await listContainer({ url: inbox(), fetch: annaSession.fetch });
    await expect(readInbox({ podUrl: anna.podUrl, fetch: strangerSession.fetch })).rejects.toMatchObject({
      code: 'POD_ERROR',
      status: 403,
    });
    expect(await listContainer({ url: inbox(), fetch: annaSession.fetch })).toEqual(before);
  });
});

describe('watching the inbox', () => {
  /** Resolves with the first reported list that holds the request. */
  function arrival(id: string) {
    let found: (requests: InboxRequest[]) => void = () => {};
    const promise = new Promise<InboxRequest[]>((resolve) => {
      found = resolve;
    });
    const onChange = ({ requests }: { requests: InboxRequest[] }) => {
      if (requests.some((item) => item.signedRequest.request.id === id)) found(requests);
    };
    return { promise, onChange };
  }

  it('hears a delivery over the pod notification channel (WebSocketChannel2023), without polling', async () => {
    await clearInbox();
    const signed = await request();
    const { promise, onChange } = arrival(signed.request.id);
    const errors: unknown[] = [];
    // A poll interval far beyond the test timeout: only a notification can bring the request.
    const watch = await watchInbox({
      podUrl: anna.podUrl,
      fetch: annaSession.fetch,
      onChange,
      onError: (error) => errors.push(error),
      pollIntervalMs: 3_600_000,
    });
    try {
      expect(watch.mode).toBe('notifications');
      await deliverRequest({ inbox: inbox(), signedRequest: signed, fetch: shopSession.fetch });
      const requests = await promise;
      expect(requests.map((item) => item.signedRequest)).toContainEqual(signed);
      expect(errors).toEqual([]);
    } finally {
      watch.close();
    }
  });

  it('reads periodically when the server offers no channel', async () => {
    await clearInbox();
    const signed = await request();
    const { promise, onChange } = arrival(signed.request.id);
    // The same pod, seen through a fetch that hides the storage description: no channel found.
    const noDescription: typeof fetch = async (input, init) => {
      const response = await annaSession.fetch(input, init);
      if (init?.method !== 'HEAD') return response;
      const headers = new Headers(response.headers);
      headers.delete('link');
      return new Response(null, { status: response.status, headers });
    };
    const errors: unknown[] = [];
    const watch = await watchInbox({
      podUrl: anna.podUrl,
      fetch: noDescription,
      onChange,
      onError: (error) => errors.push(error),
      pollIntervalMs: 200,
    });
    try {
      expect(watch.mode).toBe('polling');
      expect(errors).toEqual([expect.objectContaining({ code: 'POD_ERROR' })]);
      await deliverRequest({ inbox: inbox(), signedRequest: signed, fetch: shopSession.fetch });
      expect((await promise).map((item) => item.signedRequest)).toContainEqual(signed);
    } finally {
      watch.close();
    }
  });
});
