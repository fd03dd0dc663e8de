// A list the wallet keeps on this device (localStorage), per person: the receipts waiting for the
// pod (receiptOutbox.ts) and the answers being sent (answerOutbox.ts). What no longer parses (an
// older page's format, a hand edit) is dropped rather than trusted.

/** localStorage, or a Map-backed stand-in in tests. */
export type DeviceStore = Pick<Storage, 'getItem' | 'setItem'>;

export function storedList<T>(params: { store: DeviceStore; key: string; parse: (item: unknown) => T }): {
  read: () => T[];
  write: (items: readonly T[]) => void;
} {
  const { store, key, parse } = params;
  return {
    read() {
      try {
        const items = JSON.parse(store.getItem(key) ?? '[]') as unknown[];
        return items.flatMap((item) => {
          try {
            return [parse(item)];
          } catch {
            return [];
          }
        });
      } catch {
        return [];
      }
    },
    write: (items) => store.setItem(key, JSON.stringify(items)),
  };
}
