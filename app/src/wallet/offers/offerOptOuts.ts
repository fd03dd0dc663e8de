// The person's interest opt-outs ("stop using that I proved age ≥ 18"): kept on this device and
// sent along with every offer request, so no offer is chosen with them (docs/offers.md § Opt-out).
// Each opt-out is also sent once to the merchant that used it, for the pseudonym it knows.
import type { Interest } from '@decdp/sdk/offers';
import { useSyncExternalStore } from 'react';

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

export function addOptOut(interest: Interest, storage: Storage = localStorage): void {
  const list = readOptOuts(storage);
  if (list.includes(interest)) return;
  storage.setItem(KEY, JSON.stringify([...list, interest]));
  for (const listener of listeners) listener();
}

export function removeOptOut(interest: Interest, storage: Storage = localStorage): void {
  storage.setItem(KEY, JSON.stringify(readOptOuts(storage).filter((value) => value !== interest)));
  for (const listener of listeners) listener();
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
