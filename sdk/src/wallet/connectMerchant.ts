import { z } from 'zod';
import { DecdpError, InvalidInputError, isDecdpErrorCode } from '../errors/index.ts';
import { closeMerchantInbox } from '../pod/closeMerchantInbox.ts';
import type { PodFetch } from '../pod/documents.ts';
import type { MerchantInbox } from '../pod/merchantInbox.ts';
import { openMerchantInbox } from '../pod/openMerchantInbox.ts';
import { shopUrl } from '../protocol/connectLink.ts';
import { parseWith } from '../protocol/parse.ts';

/** What the wallet must tell the person before connecting (the page shows it in plain words). */
export const CONNECT_WARNING =
  'Connecting gives this shop an address in your pod. Your pod address can identify you, so this shop ' +
  'may learn who you are. Requests by link or QR code do not need it. You can close the address at any time.';

const merchantConfigSchema = z.object({
  merchant: z
    .object({
      name: z.string().min(1).max(100),
      address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
      /** The merchant's Solid WebID; when present only it may append to the inbox. */
      webId: z.url().optional(),
    })
    .loose(),
});

/** Who a shop says it is (its `GET /config`), shown before the person connects it. */
export type ShopPreview = { name: string; address: string; origin: string; webId?: string };

/**
 * Reads the shop's `GET /config` at `merchantUrl`: its name, signing address and Solid WebID, and
 * the origin every request it sends must name. Nothing is written anywhere.
 * @since 0.2.0
 */
export async function previewMerchant(params: {
  merchantUrl: string;
  /** Plain fetch for the merchant; default globalThis.fetch. */
  merchantFetch?: typeof fetch;
}): Promise<ShopPreview> {
  const merchantFetch = params.merchantFetch ?? globalThis.fetch;
  const base = new URL(shopUrl(params.merchantUrl));
  const notAShop = (detail: string, cause?: unknown) =>
    new InvalidInputError(`${base.origin} does not answer as a DeCDP shop (${detail}).`, {
      field: 'merchantUrl',
      ...(cause ? { cause } : {}),
      hint: 'Check the shop address.',
    });
  const configResponse = await merchantFetch(new URL('config', base)).catch((cause: unknown) => {
    throw notAShop('unreachable', cause);
  });
  if (!configResponse.ok) throw notAShop(`GET /config answered ${configResponse.status}`);
  const body = await configResponse.json().catch((cause: unknown) => {
    throw notAShop('not JSON', cause);
  });
  const { merchant } = parseWith(merchantConfigSchema, body, 'config');
  return {
    name: merchant.name,
    address: merchant.address,
    origin: base.origin,
    ...(merchant.webId ? { webId: merchant.webId } : {}),
  };
}

/**
 * "Connect this shop": opens an inbox for the merchant at `merchantUrl` (its `GET /config` names it)
 * and hands the inbox over with `POST /inboxes`. If the merchant refuses, the inbox is closed
 * again. The person must have seen CONNECT_WARNING first. Connecting from an answer (the approve
 * step's choice) passes `merchantAddress`, the request's signer: a service whose `/config` names
 * another key is refused and nothing is opened.
 * @since 0.2.0
 */
export async function connectMerchant(params: {
  merchantUrl: string;
  podUrl: string;
  webId: string;
  /** Authenticated fetch for the person's pod. */
  fetch: PodFetch;
  /** Plain fetch for the merchant; default globalThis.fetch. */
  merchantFetch?: typeof fetch;
  /** The signing address the shop must have (the signer of the request being answered). */
  merchantAddress?: string;
}): Promise<MerchantInbox> {
  const merchantFetch = params.merchantFetch ?? globalThis.fetch;
  const base = new URL(shopUrl(params.merchantUrl));
  const merchant = await previewMerchant({ merchantUrl: base.href, merchantFetch });
  if (params.merchantAddress && merchant.address.toLowerCase() !== params.merchantAddress.toLowerCase()) {
    throw new InvalidInputError(
      `${base.origin} signs as ${merchant.address}, not as ${params.merchantAddress} who sent the request.`,
      { field: 'merchantUrl', hint: 'Nothing was connected. The request names a service that is not its sender.' },
    );
  }
  const inbox = await openMerchantInbox({
    podUrl: params.podUrl,
    webId: params.webId,
    merchant,
    fetch: params.fetch,
  });
  try {
    const response = await merchantFetch(new URL('inboxes', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inbox: inbox.inbox }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      throw new DecdpError(
        isDecdpErrorCode(body.error?.code) ? body.error.code : 'INVALID_INPUT',
        body.error?.message ?? `The shop refused the inbox (${response.status}).`,
      );
    }
    await response.body?.cancel();
  } catch (error) {
    await closeMerchantInbox({ podUrl: params.podUrl, inbox, fetch: params.fetch });
    throw error;
  }
  return inbox;
}
