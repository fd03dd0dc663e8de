// The record of an inbox the person opened for one merchant ("connect this shop"): kept beside the
// inbox in /decdp/inboxes/<id>.json (owner-only), so the wallet knows whose requests it expects.
import { getAddress } from 'ethers';
import { z } from 'zod';
import { parseWith } from '../protocol/parse.ts';

export const merchantInboxSchema = z
  .object({
    version: z.literal(1),
    /** 32 hex characters of randomness: the inbox cannot be guessed from anything about the person. */
    id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 16 random bytes as hex'),
    /** /decdp/inboxes/<id>/ */
    inbox: z.url(),
    merchant: z
      .object({
        name: z.string().min(1).max(100),
        address: z
          .string()
          .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
          .transform((value) => getAddress(value)),
        /** Origin of the merchant's service: requests naming another endpoint are discarded. */
        origin: z.url(),
        /** The merchant's Solid WebID; when set, only it may append. */
        webId: z.url().optional(),
      })
      .strict(),
    openedAt: z.iso.datetime(),
  })
  .strict();

export type MerchantInbox = z.output<typeof merchantInboxSchema>;

export function parseMerchantInbox(input: unknown): MerchantInbox {
  return parseWith(merchantInboxSchema, input, 'merchantInbox');
}
