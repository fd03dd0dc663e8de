import { InboxNotConnectedError } from '../errors/index.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { type ConnectedInbox, findConnectedInbox } from './connectedInboxes.ts';

/**
 * `DELETE /inboxes/:id` (operator): the merchant forgets an inbox a person connected (the person
 * asked, or the shop stops delivering), so nothing is delivered there again. The person's pod is
 * not touched: only they can close the inbox itself. An unknown or already forgotten id is
 * InboxNotConnectedError and nothing changes.
 * @since 0.2.0
 */
export async function forgetInbox(params: {
  store: MerchantStore;
  id: unknown;
}): Promise<{ forgotten: ConnectedInbox }> {
  const found = await findConnectedInbox(params);
  // Forgotten meanwhile (a concurrent call, or a delivery that found it closed): the same answer.
  if (!(await params.store.deleteInbox(found.inbox))) {
    throw new InboxNotConnectedError(`No inbox ${found.id} is connected to this merchant.`);
  }
  return { forgotten: found };
}
