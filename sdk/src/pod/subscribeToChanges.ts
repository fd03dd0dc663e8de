// Solid Notifications Protocol, WebSocketChannel2023 (what the Community Solid Server offers):
// find the storage's subscription service, subscribe to one resource, and hear each change on a
// WebSocket. Done with fetch and the platform WebSocket (browsers, Node 22): the kept Inrupt client
// would bring a second solid-client major version along.
import { PodError } from '../errors/index.ts';
import type { PodFetch } from './documents.ts';

const NOTIFY = 'http://www.w3.org/ns/solid/notifications#';
const CHANNEL = `${NOTIFY}WebSocketChannel2023`;
const STORAGE_DESCRIPTION = 'http://www.w3.org/ns/solid/terms#storageDescription';

/** One notification (Activity Streams): `type` is e.g. Add, Update, Remove; `object` the resource. */
export type PodNotification = { type?: string; object?: string; target?: string; published?: string };

export type ChangeSubscription = {
  /** Stops listening; `onClosed` is not called for this. */
  close(): void;
};

/**
 * Subscribes to changes of `topic` (a container hears `Add` and `Remove` for its documents).
 * Throws PodError when the server offers no WebSocketChannel2023 or refuses the subscription (the
 * caller then reads periodically). `onClosed` runs when the server or network ends the channel.
 */
export async function subscribeToChanges(params: {
  topic: string;
  fetch: PodFetch;
  onNotification: (notification: PodNotification) => void;
  onClosed?: () => void;
}): Promise<ChangeSubscription> {
  const service = await findChannelService(params.topic, params.fetch);
  const response = await call(params.fetch, service, {
    method: 'POST',
    headers: { 'content-type': 'application/ld+json', accept: 'application/ld+json' },
    body: JSON.stringify({
      '@context': ['https://www.w3.org/ns/solid/notification/v1'],
      type: CHANNEL,
      topic: params.topic,
    }),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new PodError(`The pod refused a notification channel for ${params.topic} (${response.status}).`, {
      status: response.status,
    });
  }
  const channel = (await response.json()) as { receiveFrom?: string };
  if (!channel.receiveFrom)
    throw new PodError(`The pod's notification channel for ${params.topic} has no receiveFrom.`);

  const socket = new WebSocket(channel.receiveFrom);
  let closedByUs = false;
  await new Promise<void>((opened, failed) => {
    socket.addEventListener('open', () => opened(), { once: true });
    socket.addEventListener(
      'error',
      () => failed(new PodError(`The notification channel for ${params.topic} could not be opened.`)),
      { once: true },
    );
  });
  socket.addEventListener('message', (event) => {
    try {
      params.onNotification(JSON.parse(String(event.data)) as PodNotification);
    } catch {
      // A message that is not JSON says nothing we act on; the next read sees the state anyway.
    }
  });
  socket.addEventListener('close', () => {
    if (!closedByUs) params.onClosed?.();
  });
  return {
    close() {
      closedByUs = true;
      socket.close();
    },
  };
}

/** The storage description (linked from any resource) names one service per channel type. */
async function findChannelService(topic: string, fetch: PodFetch): Promise<string> {
  const head = await call(fetch, topic, { method: 'HEAD' });
  await head.body?.cancel();
  const link = head.headers.get('link') ?? '';
  const described = link
    .split(',')
    .map((part) => /<([^>]*)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim()))
    .find((match) => match?.[2] === STORAGE_DESCRIPTION)?.[1];
  if (!described) throw new PodError(`${topic} names no storage description: no notifications.`);
  const response = await call(fetch, new URL(described, topic).href, { headers: { accept: 'application/ld+json' } });
  if (!response.ok) {
    await response.body?.cancel();
    throw new PodError(`The storage description of ${topic} cannot be read (${response.status}).`, {
      status: response.status,
    });
  }
  const nodes = (await response.json()) as unknown;
  const services = (Array.isArray(nodes) ? nodes : [nodes]) as Record<string, unknown>[];
  const service = services.find((node) => {
    const types = node[`${NOTIFY}channelType`];
    return Array.isArray(types) && types.some((type) => (type as { '@id'?: string })['@id'] === CHANNEL);
  });
  const id = service?.['@id'];
  if (typeof id !== 'string') throw new PodError(`The pod of ${topic} offers no WebSocketChannel2023.`);
  return id;
}

async function call(fetch: PodFetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (cause) {
    throw new PodError(`The pod could not be reached at ${url}.`, { cause });
  }
}
