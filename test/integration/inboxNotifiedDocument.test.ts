// watchInbox reads only the document a notification names (docs/wallet.md "Inbox"), against a real
// Community Solid Server: CSS's WebSocketChannel2023 sends `Add` with the new document as `object`,
// so a delivery costs one GET of that document — no listing of the open inbox or of a shop's
// inbox, no re-reading of the requests already there — and the request still arrives; junk is
// discarded and deleted the same way; a `Remove` (the wallet's own delete) reads nothing.
import { randomBytes } from 'node:crypto';
import { createRequest, deliverRequest } from '@decdp/sdk/merchant';
import {
  createPodAccount,
  decdpUrls,
  deleteDocument,
  ensureDecdpContainers,
  type MerchantInbox,
  openMerchantInbox,
  type PodAccount,
} from '@decdp/sdk/pod';
import { loginWithClientCredentials, type PodSession } from '@decdp/sdk/pod/node';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { type InboxDiscard, type InboxRequest, readInboxDocument, watchInbox } from '@decdp/sdk/wallet';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSolidServer } from '../system/sharedSystem.ts';

const shopKey = Wallet.createRandom();
const SHOP_ORIGIN = 'http://127.0.0.1:4100';
let person: PodAccount;
let personSession: PodSession;
let shopSession: PodSession;
let shopInbox: MerchantInbox;
/** Every GET the watch makes, in order (listings and documents alike). */
const reads: string[] = [];
const counted: typeof fetch = (input, init) => {
  if ((init?.method ?? 'GET') === 'GET') reads.push(String(input instanceof Request ? input.url : input));
  return personSession.fetch(input, init);
};

async function login(role: string): Promise<{ account: PodAccount; session: PodSession }> {
  const baseUrl = (await sharedSolidServer()).baseUrl;
  const name = `${role}-${randomBytes(4).toString('hex')}`;
  const account = await createPodAccount({
    baseUrl,
    email: `${name}@decdp.test`,
    password: `${name}-pw-1`,
    podName: name,
  });
  const session = await loginWithClientCredentials({
    oidcIssuer: baseUrl,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
  });
  return { account, session };
}

const request = (): Promise<SignedRequest> =>
  createRequest({
    signer: shopKey,
    merchant: { name: 'Bike Shop', requestEndpoint: `${SHOP_ORIGIN}/requests` },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' },
    retentionDays: 30,
  });

beforeAll(async () => {
  const personLogin = await login('notified');
  person = personLogin.account;
  personSession = personLogin.session;
  shopSession = (await login('notifying-shop')).session;
  await ensureDecdpContainers({ podUrl: person.podUrl, webId: person.webId, fetch: personSession.fetch });
  shopInbox = await openMerchantInbox({
    podUrl: person.podUrl,
    webId: person.webId,
    merchant: { name: 'Bike Shop', address: shopKey.address, origin: SHOP_ORIGIN, webId: shopSession.webId },
    fetch: personSession.fetch,
  });
});
afterAll(async () => {
  await personSession?.logout();
  await shopSession?.logout();
});

describe('watchInbox on a notification', () => {
  it('reads only the notified document, and the request arrives', async () => {
    const open = decdpUrls(person.podUrl).inbox;
    // Requests already waiting in both inboxes: read once at the start, never again.
    const waiting = [await request(), await request()];
    await deliverRequest({ inbox: open, signedRequest: waiting[0] as SignedRequest, fetch: shopSession.fetch });
    await deliverRequest({
      inbox: shopInbox.inbox,
      signedRequest: waiting[1] as SignedRequest,
      fetch: shopSession.fetch,
    });

    const changes: { requests: InboxRequest[]; discarded: InboxDiscard[] }[] = [];
    let heard: () => void = () => {};
    const errors: unknown[] = [];
    const watch = await watchInbox({
      podUrl: person.podUrl,
      fetch: counted,
      merchantInboxes: [shopInbox],
      // Far beyond the test: only notifications can bring anything.
      pollIntervalMs: 3_600_000,
      onChange: (change) => {
        changes.push(change);
        heard();
      },
      onError: (error) => errors.push(error),
    });
    const next = () =>
      new Promise<{ requests: InboxRequest[]; discarded: InboxDiscard[] }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change heard in 30 s')), 30_000);
        const seen = changes.length;
        heard = () => {
          if (changes.length <= seen) return;
          clearTimeout(timer);
          resolve(changes[seen] as (typeof changes)[number]);
        };
      });
    try {
      expect(watch.mode).toBe('notifications');
      expect(changes).toHaveLength(1);
      expect(changes[0]?.requests.map((item) => item.signedRequest.request.id).sort()).toEqual(
        waiting.map((signed) => signed.request.id).sort(),
      );

      // A delivery to the open inbox: one GET, of that document.
      reads.length = 0;
      const fresh = await request();
      const arrived = next();
      const url = await deliverRequest({ inbox: open, signedRequest: fresh, fetch: shopSession.fetch });
      const change = await arrived;
      expect(reads).toEqual([url]);
      expect(change.requests.map((item) => item.signedRequest.request.id)).toEqual([
        waiting[1]?.request.id, // the shop's inbox first, then the open one by issuedAt
        waiting[0]?.request.id,
        fresh.request.id,
      ]);
      expect(change.discarded).toEqual([]);

      // A delivery to the shop's inbox: one GET too.
      reads.length = 0;
      const forShop = await request();
      const shopArrived = next();
      const shopUrl = await deliverRequest({
        inbox: shopInbox.inbox,
        signedRequest: forShop,
        fetch: shopSession.fetch,
      });
      expect((await shopArrived).requests.map((item) => item.url)).toContain(shopUrl);
      expect(reads).toEqual([shopUrl]);

      // Junk: one GET, discarded and deleted, the requests unchanged.
      reads.length = 0;
      const junked = next();
      const junk = await shopSession.fetch(open, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hello: 'not a request' }),
      });
      const junkUrl = new URL(junk.headers.get('location') as string, open).href;
      const afterJunk = await junked;
      expect(reads).toEqual([junkUrl]);
      expect(afterJunk.discarded).toEqual([{ url: junkUrl, reason: 'MALFORMED' }]);
      expect(afterJunk.requests).toHaveLength(4);
      expect((await personSession.fetch(junkUrl)).status).toBe(404);

      // The wallet deletes an answered request: the Remove reads nothing and drops it.
      reads.length = 0;
      await deleteDocument({ url, fetch: personSession.fetch });
      const last = await request();
      const lastArrived = next();
      const lastUrl = await deliverRequest({ inbox: open, signedRequest: last, fetch: shopSession.fetch });
      const afterLast = await lastArrived;
      expect(reads).toEqual([lastUrl]);
      expect(afterLast.requests.map((item) => item.url)).not.toContain(url);
      expect(afterLast.requests.map((item) => item.signedRequest.request.id)).toContain(last.request.id);
      expect(errors).toEqual([]);

      // refresh() still reads everything (the agent's check after a lost notification).
      reads.length = 0;
      await watch.refresh();
      expect(reads).toEqual(expect.arrayContaining([open, shopInbox.inbox]));
      expect(
        changes
          .at(-1)
          ?.requests.map((item) => item.url)
          .sort(),
      ).toEqual(afterLast.requests.map((item) => item.url).sort());
    } finally {
      watch.close();
    }
  });

  it('reads nothing for a document outside the inboxes, or one already known (the caller reads all)', async () => {
    const open = decdpUrls(person.podUrl).inbox;
    const where = { podUrl: person.podUrl, fetch: counted, merchantInboxes: [shopInbox] };
    reads.length = 0;
    for (const url of [`${person.podUrl}decdp/credentials/x.json`, `${open}nested/x.json`, open, shopInbox.inbox]) {
      expect(await readInboxDocument({ ...where, url, known: [] }), url).toBeUndefined();
    }
    const url = await deliverRequest({ inbox: open, signedRequest: await request(), fetch: shopSession.fetch });
    const first = await readInboxDocument({ ...where, url, known: [] });
    expect(first?.requests.map((item) => item.url)).toEqual([url]);
    expect(await readInboxDocument({ ...where, url, known: first?.requests ?? [] })).toEqual(first);
    expect(reads).toEqual([url]);
  });
});
