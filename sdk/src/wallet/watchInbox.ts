import type { PodFetch } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import type { MerchantInbox } from '../pod/merchantInbox.ts';
import { type ChangeSubscription, type PodNotification, subscribeToChanges } from '../pod/subscribeToChanges.ts';
import { type InboxDiscard, type InboxRequest, readInbox, readInboxDocument } from './readInbox.ts';

export type InboxWatch = {
  /** `notifications` while every inbox has a channel; `polling` when one has none (or lost it). */
  readonly mode: 'notifications' | 'polling';
  /** Reads now (e.g. after the person answered) and reports through `onChange`. */
  refresh(): Promise<void>;
  close(): void;
};

/**
 * Reads the inboxes now, then on every change the pod notifies (Solid Notifications,
 * WebSocketChannel2023) reads only the document the notification names (its `object`: CSS sends
 * `Add` with the new document for a container), so a delivered request shows without a reload and
 * without listing every inbox again; a `Remove` drops its document from what is known. Falls back to
 * reading every inbox every `pollIntervalMs` when the server offers no channel or a channel closes;
 * a notification that names no document in an inbox, and `refresh()`, read everything. Reads never
 * overlap: a change during a read is read after it.
 * @since 0.2.0
 */
export async function watchInbox(params: {
  podUrl: string;
  fetch: PodFetch;
  merchantInboxes?: readonly MerchantInbox[];
  /** Every valid request known after each read, and what that read discarded. */
  onChange: (inbox: { requests: InboxRequest[]; discarded: InboxDiscard[] }) => void;
  onError?: (error: unknown) => void;
  /** Default 15 s. */
  pollIntervalMs?: number;
}): Promise<InboxWatch> {
  const where = {
    podUrl: params.podUrl,
    fetch: params.fetch,
    ...(params.merchantInboxes ? { merchantInboxes: params.merchantInboxes } : {}),
  };
  /** The valid requests as of the last read. */
  let known: InboxRequest[] = [];
  /** Read every inbox next (the start, a poll, refresh(), or after a failed one-document read). */
  let readAll = true;
  /** Documents notifications named, to read next. */
  const notified = new Set<string>();
  let reading: Promise<void> | undefined;
  let closed = false;
  const readOnce = async (): Promise<void> => {
    if (readAll) {
      readAll = false;
      notified.clear();
      const read = await readInbox(where);
      known = read.requests;
      params.onChange(read);
      return;
    }
    for (const url of [...notified]) {
      notified.delete(url);
      const read = await readInboxDocument({ ...where, url, known });
      if (!read) {
        readAll = true; // not a document of these inboxes: read them all
        return;
      }
      if (read.requests.length === known.length && read.discarded.length === 0) continue;
      known = read.requests;
      params.onChange(read);
    }
  };
  const read = (): Promise<void> => {
    reading ??= (async () => {
      while (!closed && (readAll || notified.size > 0)) {
        try {
          await readOnce();
        } catch (error) {
          params.onError?.(error);
          // What was not read is read whole at the next notification, poll or refresh.
          readAll = true;
          break;
        }
      }
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  };
  const readEverything = async (): Promise<void> => {
    readAll = true;
    // A read under way may have listed the inboxes already: one more after it.
    await reading;
    await read();
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  const poll = () => {
    timer ??= setInterval(() => void readEverything(), params.pollIntervalMs ?? 15_000);
  };
  const topics = [decdpUrls(params.podUrl).inbox, ...(params.merchantInboxes ?? []).map((box) => box.inbox)];
  const subscriptions: ChangeSubscription[] = [];
  const onNotification = (topic: string, notification: PodNotification) => {
    const document = typeof notification.object === 'string' ? notification.object : undefined;
    if (notification.type && /Remove|Delete/.test(notification.type)) {
      // Our own deletes (answered, denied, spam) notify too: nothing to read.
      if (document) known = known.filter((item) => item.url !== document);
      return;
    }
    if (notification.type !== undefined && !/Add|Create|Update/.test(notification.type)) return;
    if (document && document !== topic) notified.add(document);
    else readAll = true;
    void read();
  };
  try {
    for (const topic of topics) {
      subscriptions.push(
        await subscribeToChanges({
          topic,
          fetch: params.fetch,
          onNotification: (notification) => onNotification(topic, notification),
          onClosed: () => {
            if (!closed) poll();
          },
        }),
      );
    }
  } catch (error) {
    params.onError?.(error);
    poll();
  }
  await read();
  return {
    get mode() {
      return timer === undefined ? 'notifications' : 'polling';
    },
    refresh: readEverything,
    close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      for (const subscription of subscriptions) subscription.close();
    },
  };
}
