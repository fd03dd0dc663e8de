// Requests that reach the person without any central list: appended to their pod inbox by a
// merchant (docs/wallet.md "Inbox"), or opened from a link or QR code (docs/interfaces.md "Request
// links"). Both end up beside the requests the page already lists.
import { ensureInbox, listMerchantInboxes, type PodFetch } from '@decdp/sdk/pod';
import { parseRequestLink, parseSignedRequest, type SignedRequest } from '@decdp/sdk/protocol';
import { type InboxWatch, readInbox, watchInbox } from '@decdp/sdk/wallet';

const LINK_KEY = 'decdp.linkedRequest';

/**
 * Called before the router starts and on every hash change (registered first, so before the router
 * reads the address): a `#request=…` / `#request-url=…` address is kept for the
 * requests screen (the hash router would not know it) and the address becomes `#/requests`.
 */
export function takeRequestLink(location: Location, storage: Storage): boolean {
  if (!/^#request(-url)?=/.test(location.hash)) return false;
  storage.setItem(LINK_KEY, location.hash);
  history.replaceState(null, '', `${location.pathname}${location.search}#/requests`);
  return true;
}

/** Fired on the window when a link is opened in a page already running (only the hash changed). */
export const REQUEST_LINK_EVENT = 'decdp:request-link';

/** The request a link opened, if any (fetched from the merchant for the short form). */
export async function readLinkedRequest(storage: Storage): Promise<SignedRequest[]> {
  const link = storage.getItem(LINK_KEY);
  if (!link) return [];
  const target = parseRequestLink(link);
  if ('signedRequest' in target) return [target.signedRequest];
  const response = await fetch(target.requestUrl);
  if (!response.ok) throw new Error(`The linked request could not be fetched (${response.status}).`);
  return [parseSignedRequest(await response.json())];
}

/**
 * The requests merchants delivered to the inboxes (spam discarded and deleted by readInbox), read
 * when the page loads the pod; after that watchDeliveries brings what arrives.
 */
export async function readDeliveredRequests(params: {
  podUrl: string;
  webId: string;
  fetch: PodFetch;
}): Promise<SignedRequest[]> {
  // The upgrade for pods made before the inbox existed (one HEAD when it is there).
  await ensureInbox(params);
  const fetch = uncached(params.fetch);
  const merchantInboxes = await listMerchantInboxes({ ...params, fetch });
  const { requests } = await readInbox({ podUrl: params.podUrl, fetch, merchantInboxes });
  return requests.map((item) => item.signedRequest);
}

/** Fired on the window when the person connects or closes a shop's inbox: the watch starts again. */
export const INBOXES_CHANGED_EVENT = 'decdp:inboxes-changed';

/**
 * Inbox listings straight from the pod: the browser may otherwise answer a read right after a
 * notification from its HTTP cache (CSS sends Last-Modified and no Cache-Control, so Chromium
 * keeps a listing fresh for a tenth of its age) and miss the request just delivered.
 */
function uncached(fetch: PodFetch): PodFetch {
  return (input, init) => fetch(input, { ...init, cache: 'no-store' });
}

/**
 * Watches the open inbox and every connected shop's inbox with the SDK's watchInbox (the wallet
 * agent's own): Solid Notifications, one channel each, and on a notification only the document it
 * names is read; 15 s reads when the pod offers no channel or one closes. `onDelivery` gets every
 * valid request in the inboxes after each read, the first when the watch (re)starts. Connecting or
 * closing a shop (INBOXES_CHANGED_EVENT) starts it again with the inboxes there are now; its first
 * read also brings what a shop delivered the moment it was connected, before its channel was open.
 * Returns the stop function.
 */
export function watchDeliveries(params: {
  podUrl: string;
  fetch: PodFetch;
  onDelivery: (requests: SignedRequest[]) => void;
  /** A read that failed after the watch started (the first read's failure is the page load's to show). */
  onError: (error: unknown) => void;
  pollMs?: number;
}): () => void {
  let stopped = false;
  let round = 0;
  let watch: InboxWatch | undefined;
  const start = async () => {
    const mine = ++round;
    const current = () => !stopped && mine === round;
    const fetch = uncached(params.fetch);
    // Not listed (a pod error): the open inbox alone until the next connect or close.
    const merchantInboxes = await listMerchantInboxes({ podUrl: params.podUrl, fetch }).catch(() => []);
    if (!current()) return;
    let started = false;
    const opened = await watchInbox({
      podUrl: params.podUrl,
      fetch,
      merchantInboxes,
      pollIntervalMs: params.pollMs ?? 15_000,
      onChange: ({ requests }) => {
        if (current()) params.onDelivery(requests.map((item) => item.signedRequest));
      },
      // Before it has started, an error is a missing channel (it reads every 15 s instead) or the
      // first read, which the page's own load reads and reports too.
      onError: (error) => {
        if (started && current()) params.onError(error);
      },
    });
    started = true;
    if (current()) watch = opened;
    else opened.close();
  };
  const restart = () => {
    watch?.close();
    watch = undefined;
    void start();
  };
  window.addEventListener(INBOXES_CHANGED_EVENT, restart);
  void start();
  return () => {
    stopped = true;
    window.removeEventListener(INBOXES_CHANGED_EVENT, restart);
    watch?.close();
  };
}

/** One list, each request once (the same one can come from several places). */
export function mergeRequests(...lists: SignedRequest[][]): SignedRequest[] {
  const seen = new Set<string>();
  const merged: SignedRequest[] = [];
  for (const signed of lists.flat()) {
    const key = `${signed.request.merchant.address}/${signed.request.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(signed);
  }
  return merged;
}
