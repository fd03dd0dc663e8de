import { createContainerIfMissing } from './createContainer.ts';
import type { PodFetch } from './documents.ts';
import { decdpUrls } from './layout.ts';
import { setAppendOnlyAccess } from './setAppendOnlyAccess.ts';

/**
 * The upgrade for a pod set up before the inbox existed: creates /decdp/inbox/ (append for any
 * logged-in agent, read for the owner only) when it is missing. One HEAD when it is there, so a
 * wallet can call it on every start. Returns the inbox URL.
 */
export async function ensureInbox(params: { podUrl: string; webId: string; fetch: PodFetch }): Promise<string> {
  const { inbox } = decdpUrls(params.podUrl);
  const head = await params.fetch(inbox, { method: 'HEAD' }).catch(() => undefined);
  await head?.body?.cancel();
  if (head?.ok) return inbox;
  await createContainerIfMissing(inbox, params.fetch);
  await setAppendOnlyAccess({ url: inbox, ownerWebId: params.webId, appenders: 'authenticated', fetch: params.fetch });
  return inbox;
}
