// Reading the pod inbox: whatever anyone appended is untrusted. Each document is checked at the
// edge (size, JSON, request schema, merchant signature, expiry) and a failure is discarded and
// deleted; a sender over its share is cut back. Limits: docs/wallet.md "Inbox".
import { PodError } from '../errors/index.ts';
import { deleteDocument, listContainer, type PodFetch } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import type { MerchantInbox } from '../pod/merchantInbox.ts';
import {
  assertRequestFresh,
  assertRequestSignature,
  parseSignedRequest,
  type SignedRequest,
} from '../protocol/request.ts';

export const INBOX_LIMITS = {
  /** A signed request is 1–3 KiB; the merchant service's own body limit. */
  maxBytes: 64 * 1024,
  /** Requests kept waiting per signing merchant in the open inbox (the earliest issued stay). */
  maxPerSender: 5,
  /** Documents examined per inbox and read; the rest wait for the next read (a flood drains). */
  maxDocuments: 200,
  /** Documents fetched at once. */
  concurrency: 8,
} as const;

export type InboxDiscardReason =
  | 'OVERSIZED'
  | 'MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'REQUEST_EXPIRED'
  | 'WRONG_MERCHANT'
  | 'DUPLICATE'
  | 'FLOOD';

export type InboxRequest = {
  /** The document in the pod: delete it once the request is answered or denied. */
  url: string;
  signedRequest: SignedRequest;
  /** `open` for /decdp/inbox/, else the id of the merchant inbox it arrived in. */
  via: 'open' | string;
};

export type InboxDiscard = { url: string; reason: InboxDiscardReason };

/** One of the person's inboxes: a shop's (with the merchant it was opened for) or the open one. */
type InboxBox = { url: string; via: string; merchant?: MerchantInbox['merchant'] };

/** Merchant inboxes first, then the open one: the order requests are shown in. */
function inboxBoxes(params: { podUrl: string; merchantInboxes?: readonly MerchantInbox[] | undefined }): InboxBox[] {
  return [
    ...(params.merchantInboxes ?? []).map((box) => ({ url: box.inbox, via: box.id, merchant: box.merchant })),
    { url: decdpUrls(params.podUrl).inbox, via: 'open' },
  ];
}

/**
 * Whether a valid request may join the ones kept: the same request twice is kept once, and the
 * open inbox keeps at most `maxPerSender` per signing merchant.
 */
function admission(item: InboxRequest, kept: readonly InboxRequest[]): InboxDiscardReason | undefined {
  const { id, merchant } = item.signedRequest.request;
  const same = (other: InboxRequest) => other.signedRequest.request.merchant.address === merchant.address;
  if (kept.some((other) => same(other) && other.signedRequest.request.id === id)) return 'DUPLICATE';
  if (
    item.via === 'open' &&
    kept.filter((other) => other.via === 'open' && same(other)).length >= INBOX_LIMITS.maxPerSender
  ) {
    return 'FLOOD';
  }
  return undefined;
}

/**
 * Reads the open inbox and each merchant inbox the person opened; returns the valid requests
 * (merchant inboxes first, each inbox by `issuedAt`) and deletes everything else. In a merchant
 * inbox only that merchant's requests for its own service count, so a flood in the open inbox
 * never hides them. The same request delivered twice is kept once.
 * @since 0.2.0
 */
export async function readInbox(params: {
  podUrl: string;
  fetch: PodFetch;
  merchantInboxes?: readonly MerchantInbox[];
  /** Unix seconds; default now. */
  now?: number;
}): Promise<{ requests: InboxRequest[]; discarded: InboxDiscard[] }> {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const requests: InboxRequest[] = [];
  const discarded: InboxDiscard[] = [];
  for (const box of inboxBoxes(params)) {
    const urls = (await listContainer({ url: box.url, fetch: params.fetch })).slice(0, INBOX_LIMITS.maxDocuments);
    const checked = await mapLimited(urls, INBOX_LIMITS.concurrency, (url) =>
      checkDocument({ url, fetch: params.fetch, now, merchant: box.merchant }),
    );
    const valid: InboxRequest[] = [];
    for (const [index, result] of checked.entries()) {
      const url = urls[index] as string;
      if (typeof result === 'string') discarded.push({ url, reason: result });
      else valid.push({ url, signedRequest: result, via: box.via });
    }
    valid.sort((a, b) => a.signedRequest.request.issuedAt - b.signedRequest.request.issuedAt);
    for (const item of valid) {
      const refused = admission(item, requests);
      if (refused) discarded.push({ url: item.url, reason: refused });
      else requests.push(item);
    }
  }
  await mapLimited(discarded, INBOX_LIMITS.concurrency, ({ url }) => deleteDocument({ url, fetch: params.fetch }));
  return { requests, discarded };
}

/**
 * Reads the one document `url` a notification named (an Add in one of the person's inboxes) with
 * the rules of readInbox, against the requests already `known` from earlier reads: returns them
 * with this one added in its place (or it discarded and deleted). Returns undefined when `url` is
 * in none of the inboxes (the caller reads them all). A document already known is not read again.
 * @since 0.2.0
 */
export async function readInboxDocument(params: {
  podUrl: string;
  fetch: PodFetch;
  merchantInboxes?: readonly MerchantInbox[];
  url: string;
  known: readonly InboxRequest[];
  /** Unix seconds; default now. */
  now?: number;
}): Promise<{ requests: InboxRequest[]; discarded: InboxDiscard[] } | undefined> {
  const boxes = inboxBoxes(params);
  const box = boxes.find(
    (candidate) => params.url.startsWith(candidate.url) && !params.url.slice(candidate.url.length).includes('/'),
  );
  if (!box || params.url === box.url) return undefined;
  if (params.known.some((item) => item.url === params.url)) return { requests: [...params.known], discarded: [] };
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const result = await checkDocument({ url: params.url, fetch: params.fetch, now, merchant: box.merchant });
  const item: InboxRequest | undefined =
    typeof result === 'string' ? undefined : { url: params.url, signedRequest: result, via: box.via };
  const refused = typeof result === 'string' ? result : admission(item as InboxRequest, params.known);
  if (refused) {
    await deleteDocument({ url: params.url, fetch: params.fetch });
    return { requests: [...params.known], discarded: [{ url: params.url, reason: refused }] };
  }
  // In readInbox's order: by inbox (merchant inboxes first), then by issuedAt.
  const rank = (entry: InboxRequest) => boxes.findIndex((candidate) => candidate.via === entry.via);
  const requests = [...params.known, item as InboxRequest].sort(
    (a, b) => rank(a) - rank(b) || a.signedRequest.request.issuedAt - b.signedRequest.request.issuedAt,
  );
  return { requests, discarded: [] };
}

async function checkDocument(params: {
  url: string;
  fetch: PodFetch;
  now: number;
  merchant: MerchantInbox['merchant'] | undefined;
}): Promise<SignedRequest | InboxDiscardReason> {
  const text = await readCapped(params.url, params.fetch);
  if (text === undefined) return 'OVERSIZED';
  let signed: SignedRequest;
  try {
    signed = parseSignedRequest(JSON.parse(text));
  } catch {
    return 'MALFORMED';
  }
  try {
    assertRequestSignature(signed);
  } catch {
    return 'SIGNATURE_INVALID';
  }
  try {
    assertRequestFresh(signed.request, params.now);
  } catch {
    return 'REQUEST_EXPIRED';
  }
  if (params.merchant) {
    const { address, requestEndpoint } = signed.request.merchant;
    if (address !== params.merchant.address || new URL(requestEndpoint).origin !== params.merchant.origin) {
      return 'WRONG_MERCHANT';
    }
  }
  return signed;
}

/** The document's text, or undefined when it is larger than the limit (never read whole). */
async function readCapped(url: string, fetch: PodFetch): Promise<string | undefined> {
  let response: Response;
  try {
    // No Accept header: the server returns what was stored, so nothing is converted for a stranger.
    response = await fetch(url);
  } catch (cause) {
    throw new PodError(`The pod could not be reached to read ${url}.`, { cause });
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return ''; // gone meanwhile: malformed, and deleting it again is a no-op
  }
  if (!response.ok) {
    await response.body?.cancel();
    // Never discard on the owner's own trouble (an expired session): stop and let the caller retry.
    throw new PodError(`The pod refused to read ${url} (${response.status}).`, { status: response.status });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > INBOX_LIMITS.maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > INBOX_LIMITS.maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concatBytes(chunks, size));
}

function concatBytes(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
