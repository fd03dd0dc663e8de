import { deleteDocument, listContainer, type PodFetch } from './documents.ts';
import { decdpUrls } from './layout.ts';
import type { MerchantInbox } from './merchantInbox.ts';

/**
 * Closes a merchant's inbox: deletes what is in it, the container (its ACL goes with it) and the
 * record. The address then answers 404 to the merchant; nobody but the owner can create it again
 * (/decdp/inboxes/ is owner-only).
 */
export async function closeMerchantInbox(params: {
  podUrl: string;
  inbox: Pick<MerchantInbox, 'id' | 'inbox'>;
  fetch: PodFetch;
}): Promise<void> {
  for (const url of await listContainer({ url: params.inbox.inbox, fetch: params.fetch })) {
    await deleteDocument({ url, fetch: params.fetch });
  }
  await deleteDocument({ url: params.inbox.inbox, fetch: params.fetch });
  await deleteDocument({
    url: `${decdpUrls(params.podUrl).merchantInboxes}${params.inbox.id}.json`,
    fetch: params.fetch,
  });
}
