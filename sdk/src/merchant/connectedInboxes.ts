import { sha256, toUtf8Bytes } from 'ethers';
import { z } from 'zod';
import { InboxNotConnectedError } from '../errors/index.ts';
import { parseWith } from '../protocol/parse.ts';
import type { MerchantStore } from '../store/merchantStore.ts';

/** An inbox a person connected, as the operator routes show it: the id names it in `DELETE /inboxes/:id`. */
export type ConnectedInbox = { id: string; inbox: string };

/**
 * The id of a connected inbox: 128 bits of the SHA-256 of its URL, so it is stable, says nothing
 * about how many people connected, and the operator can name one inbox without pasting a pod URL.
 * @since 0.2.0
 */
export function connectedInboxId(inbox: string): string {
  return sha256(toUtf8Bytes(inbox)).slice(2, 34);
}

export const connectedInboxIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits');

/**
 * `GET /inboxes` (operator): the inboxes people connected to this merchant, oldest first.
 * @since 0.2.0
 */
export async function listConnectedInboxes(params: { store: MerchantStore }): Promise<ConnectedInbox[]> {
  return (await params.store.listInboxes()).map((inbox) => ({ id: connectedInboxId(inbox), inbox }));
}

/**
 * The connected inbox with this id, or InboxNotConnectedError (never connected, or forgotten).
 * @since 0.2.0
 */
export async function findConnectedInbox(params: { store: MerchantStore; id: unknown }): Promise<ConnectedInbox> {
  const id = parseWith(connectedInboxIdSchema, params.id, 'id');
  const found = (await listConnectedInboxes(params)).find((inbox) => inbox.id === id);
  if (!found) {
    throw new InboxNotConnectedError(`No inbox ${id} is connected to this merchant.`, {
      hint: 'GET /inboxes (or `decdp-merchant inboxes list`) lists the connected ones.',
    });
  }
  return found;
}
