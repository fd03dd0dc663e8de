// The person's interest opt-outs ("stop using that I proved age ≥ 18"): kept in their pod
// (/decdp/offer-opt-outs.json, so they follow the person to every device) with a copy on this
// device that offer requests read without waiting; sent along with every offer request, so no
// offer is chosen with them (docs/offers.md § Opt-out). Each opt-out is also sent once to the
// merchant that used it, for the pseudonym it knows.
import type { Interest } from '@decdp/sdk/offers';
import { readOfferOptOuts, setOfferOptOut } from '@decdp/sdk/wallet';
import { useEffect, useSyncExternalStore } from 'react';
import { useWallet } from '../state/WalletState.tsx';

/** The logged-in person's pod, where the list is kept. */
export type OptOutPod = { podUrl: string; fetch: typeof fetch };

const KEY = 'decdp.offerOptOuts';
const listeners = new Set<() => void>();
let cached: { raw: string | null; list: Interest[] } = { raw: null, list: [] };

export function readOptOuts(storage: Pick<Storage, 'getItem'> = localStorage): Interest[] {
  const raw = storage.getItem(KEY);
  if (raw === cached.raw) return cached.list;
  let list: Interest[] = [];
  try {
    const parsed = JSON.parse(raw ?? '[]') as unknown;
    if (Array.isArray(parsed)) {
      list = parsed.filter(
        (value): value is Interest => typeof value === 'string' && /^(page|keyword|predicate|mask):./su.test(value),
      );
    }
  } catch {
    list = [];
  }
  cached = { raw, list };
  return list;
}

function keepOnDevice(list: readonly Interest[], storage: Storage): void {
  storage.setItem(KEY, JSON.stringify(list));
  for (const listener of listeners) listener();
}

/** Opts out on this device at once, then in the pod (whose list then becomes the device's). */
export async function addOptOut(interest: Interest, pod?: OptOutPod, storage: Storage = localStorage): Promise<void> {
  const list = readOptOuts(storage);
  if (!list.includes(interest)) keepOnDevice([...list, interest], storage);
  if (pod) keepOnDevice(await setOfferOptOut({ ...pod, interest, optedOut: true }), storage);
}

/** "Use again": on this device at once, then in the pod. */
export async function removeOptOut(
  interest: Interest,
  pod?: OptOutPod,
  storage: Storage = localStorage,
): Promise<void> {
  keepOnDevice(
    readOptOuts(storage).filter((value) => value !== interest),
    storage,
  );
  if (pod) keepOnDevice(await setOfferOptOut({ ...pod, interest, optedOut: false }), storage);
}

const loadedFrom = new Set<string>();

/**
 * Reads the pod's list once per page and pod, and makes it this device's: an opt-out made on
 * another device applies here, and one undone there is undone here.
 */
export function useOptOutsFromPod(): OptOutPod | undefined {
  const { pod, session } = useWallet();
  const podUrl = pod?.podUrl;
  const sessionFetch = session.fetch;
  useEffect(() => {
    if (!podUrl || loadedFrom.has(podUrl)) return;
    loadedFrom.add(podUrl);
    readOfferOptOuts({ podUrl, fetch: sessionFetch })
      .then((list) => keepOnDevice(list, localStorage))
      .catch(() => loadedFrom.delete(podUrl));
  }, [podUrl, sessionFetch]);
  return podUrl ? { podUrl, fetch: sessionFetch } : undefined;
}

/** The opt-outs, re-rendering when one is added or removed (here or in another tab). */
export function useOptOuts(): Interest[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      window.addEventListener('storage', listener);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', listener);
      };
    },
    () => readOptOuts(),
  );
}

/** An interest in words: "that you proved “age ≥ 18”", "your search for “helmet”". */
export function interestInWords(interest: Interest): string {
  const [kind, ...rest] = interest.split(':');
  const value = rest.join(':');
  if (kind === 'predicate') return `that you proved “${value}”`;
  if (kind === 'keyword') return `your search for “${value}”`;
  if (kind === 'mask') return `the mask “${value}” you wear`;
  return `the page ${value}`;
}
