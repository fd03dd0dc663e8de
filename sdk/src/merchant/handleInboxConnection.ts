import { z } from 'zod';
import { parseWith } from '../protocol/parse.ts';
import type { MerchantStore } from '../store/merchantStore.ts';

export const inboxConnectionSchema = z
  .object({
    /** The inbox the person opened for this merchant (a container URL, ending with "/"). */
    inbox: z
      .url()
      .max(500)
      .refine((url) => /^https?:\/\/.+\/$/.test(url), 'must be an http(s) container URL ending with "/"'),
  })
  .strict();

/**
 * `POST /inboxes`: a person connects this shop by handing over an inbox only this merchant may
 * append to. Public (the person is not a client of the merchant yet); nothing else is kept, and
 * nothing ties the inbox to an answer or a pseudonym.
 * @since 0.2.0
 */
export async function handleInboxConnection(params: {
  store: MerchantStore;
  body: unknown;
  now?: number;
}): Promise<{ inbox: string }> {
  const { inbox } = parseWith(inboxConnectionSchema, params.body, 'body');
  await params.store.saveInbox({ url: inbox, createdAt: params.now ?? Math.floor(Date.now() / 1000) });
  return { inbox };
}
