// Requests that reach the person without any central list: appended to their pod inbox by a
// merchant (docs/wallet.md "Inbox"), or opened from a link or QR code (docs/interfaces.md "Request
// links"). Both end up beside the requests the page already lists.
import {
  decdpUrls,
  ensureInbox,
  listMerchantInboxes,
  type MerchantInbox,
  type PodFetch,
  subscribeToChanges,
} from '@decdp/sdk/pod';
import { parseRequestLink, parseSignedRequest, type SignedRequest } from '@decdp/sdk/protocol';
import { readInbox } from '@decdp/sdk/wallet';

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
 * The requests merchants delivered to the inboxes (spam discarded and deleted by readInbox). A read
 * on a notification passes the connected shops' inboxes the watch knows, and skips the upgrade check:
 * every round trip there is time before the person sees the request.
 */
export async function readDeliveredRequests(params: {
  podUrl: string;
  webId: string;
  fetch: PodFetch;
  merchantInboxes?: readonly MerchantInbox[];
}): Promise<SignedRequest[]> {
  // The upgrade for pods made before the inbox existed (one HEAD when it is there).
  if (!params.merchantInboxes) await ensureInbox(params);
  const fetch = uncached(params.fetch);
  const merchantInboxes = params.merchantInboxes ?? (await listMerchantInboxes({ ...params, fetch }));
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
 * Calls `onDelivery` when something is appended to the open inbox or to a connected shop's inbox
 * (Solid Notifications, one channel each); falls back to calling it every `pollMs` when the pod
 * offers no channel or one closes. Connecting or closing a shop (INBOXES_CHANGED_EVENT) starts it
 * again with the inboxes there are now. Returns the stop function.
 */
export function watchDeliveries(params: {
  podUrl: string;
  fetch: PodFetch;
  /** Called with the connected shops' inboxes as listed when the watch (re)started (undefined: not known). */
  onDelivery: (merchantInboxes: readonly MerchantInbox[] | undefined) => void;
  pollMs?: number;
}): () => void {
  let stopped = false;
  let round = 0;
  let stops: (() => void)[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  let connected: MerchantInbox[] | undefined;
  const deliver = () => params.onDelivery(connected);
  const poll = () => {
    timer ??= setInterval(deliver, params.pollMs ?? 15_000);
  };
  const stopAll = () => {
    for (const stopOne of stops) stopOne();
    stops = [];
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const start = async () => {
    const mine = ++round;
    const current = () => !stopped && mine === round;
    // Not listed (a pod error): each read lists them itself.
    connected = await listMerchantInboxes({ ...params, fetch: uncached(params.fetch) }).catch(() => undefined);
    if (!current()) return;
    const subscribed = [decdpUrls(params.podUrl).inbox, ...(connected ?? []).map((box) => box.inbox)].map((topic) =>
      subscribeToChanges({
        topic,
        fetch: params.fetch,
        onNotification: (notification) => {
          if (!notification.type || /Add|Create|Update/.test(notification.type)) deliver();
        },
        onClosed: () => {
          if (current()) poll();
        },
      })
        .then((subscription) => {
          if (current()) stops.push(() => subscription.close());
          else subscription.close();
        })
        .catch(() => {
          if (current()) poll();
        }),
    );
    // After a shop was connected (a restart): what it delivered before its channel was open had
    // no notification to bring it, so read once now that every channel is.
    if (mine > 1) {
      await Promise.all(subscribed);
      if (current()) deliver();
    }
  };
  const restart = () => {
    stopAll();
    void start();
  };
  window.addEventListener(INBOXES_CHANGED_EVENT, restart);
  void start();
  return () => {
    stopped = true;
    window.removeEventListener(INBOXES_CHANGED_EVENT, restart);
    stopAll();
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
