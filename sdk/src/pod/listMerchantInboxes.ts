import { listContainer, type PodFetch, readJsonDocument } from './documents.ts';
import { decdpUrls } from './layout.ts';
import { type MerchantInbox, parseMerchantInbox } from './merchantInbox.ts';

/** The merchant inboxes the person has open, oldest first; a record that does not parse is skipped. */
export async function listMerchantInboxes(params: { podUrl: string; fetch: PodFetch }): Promise<MerchantInbox[]> {
  const urls = await listContainer({ url: decdpUrls(params.podUrl).merchantInboxes, fetch: params.fetch });
  const inboxes: MerchantInbox[] = [];
  for (const url of urls.filter((each) => each.endsWith('.json'))) {
    try {
      inboxes.push(parseMerchantInbox(await readJsonDocument({ url, fetch: params.fetch })));
    } catch {
      // Only the owner writes here; a broken record is the person's to fix, not a reason to stop.
    }
  }
  return inboxes.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
}
