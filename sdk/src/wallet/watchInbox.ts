import type { PodFetch } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import type { MerchantInbox } from '../pod/merchantInbox.ts';
import { type ChangeSubscription, subscribeToChanges } from '../pod/subscribeToChanges.ts';
import { type InboxDiscard, type InboxRequest, readInbox } from './readInbox.ts';

export type InboxWatch = {
  /** `notifications` while every inbox has a channel; `polling` when one has none (or lost it). */
  readonly mode: 'notifications' | 'polling';
  /** Reads now (e.g. after the person answered) and reports through `onChange`. */
  refresh(): Promise<void>;
  close(): void;
};

/**
 * Reads the inboxes now and again on every change the pod notifies (Solid Notifications,
 * WebSocketChannel2023), so a delivered request shows without a reload; falls back to reading
 * every `pollIntervalMs` when the server offers no channel or a channel closes. Reads never
 * overlap: a change during a read causes one more read.
 * @since 0.2.0
 */
export async function watchInbox(params: {
  podUrl: string;
  fetch: PodFetch;
  merchantInboxes?: readonly MerchantInbox[];
  onChange: (inbox: { requests: InboxRequest[]; discarded: InboxDiscard[] }) => void;
  onError?: (error: unknown) => void;
  /** Default 15 s. */
  pollIntervalMs?: number;
}): Promise<InboxWatch> {
  let reading: Promise<void> | undefined;
  let again = false;
  let closed = false;
  const read = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          params.onChange(
            await readInbox({
              podUrl: params.podUrl,
              fetch: params.fetch,
              ...(params.merchantInboxes ? { merchantInboxes: params.merchantInboxes } : {}),
            }),
          );
        } catch (error) {
          params.onError?.(error);
        }
      } while (again && !closed);
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  const poll = () => {
    timer ??= setInterval(() => void read(), params.pollIntervalMs ?? 15_000);
  };
  const topics = [decdpUrls(params.podUrl).inbox, ...(params.merchantInboxes ?? []).map((box) => box.inbox)];
  const subscriptions: ChangeSubscription[] = [];
  try {
    for (const topic of topics) {
      subscriptions.push(
        await subscribeToChanges({
          topic,
          fetch: params.fetch,
          onNotification: (notification) => {
            // Our own deletes of spam notify too; only something added calls for a read.
            if (notification.type === undefined || /Add|Create|Update/.test(notification.type)) void read();
          },
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
    refresh: read,
    close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      for (const subscription of subscriptions) subscription.close();
    },
  };
}
