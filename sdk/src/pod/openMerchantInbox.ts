import { hexlify, randomBytes } from 'ethers';
import { createContainerIfMissing } from './createContainer.ts';
import { type PodFetch, writeJsonDocument } from './documents.ts';
import { decdpUrls } from './layout.ts';
import { type MerchantInbox, parseMerchantInbox } from './merchantInbox.ts';
import { setAppendOnlyAccess } from './setAppendOnlyAccess.ts';

/**
 * Opens an inbox for one merchant: /decdp/inboxes/<128 random bits>/ where that merchant's WebID
 * (or, without one, any logged-in agent holding the address) may only append, and the record
 * /decdp/inboxes/<id>.json. Hand `inbox` to that merchant only; `closeMerchantInbox` ends it.
 * The address lives in the person's pod, so it can point to them: the wallet says so before.
 */
export async function openMerchantInbox(params: {
  podUrl: string;
  webId: string;
  merchant: { name: string; address: string; origin: string; webId?: string };
  fetch: PodFetch;
  now?: Date;
}): Promise<MerchantInbox> {
  const id = hexlify(randomBytes(16)).slice(2);
  const base = decdpUrls(params.podUrl).merchantInboxes;
  const record = parseMerchantInbox({
    version: 1,
    id,
    inbox: `${base}${id}/`,
    merchant: { ...params.merchant, origin: new URL(params.merchant.origin).origin },
    openedAt: (params.now ?? new Date()).toISOString(),
  });
  await createContainerIfMissing(record.inbox, params.fetch);
  await setAppendOnlyAccess({
    url: record.inbox,
    ownerWebId: params.webId,
    appenders: record.merchant.webId ? [record.merchant.webId] : 'authenticated',
    fetch: params.fetch,
  });
  await writeJsonDocument({ url: `${base}${id}.json`, data: record, fetch: params.fetch });
  return record;
}
