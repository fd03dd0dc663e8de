// Receipts that could not be saved in the pod yet (pod unreachable, session expired) wait here
// and are saved on the next refresh, so an answer the merchant recorded never loses its receipt.
import { type ConsentReceipt, parseConsentReceipt } from '@decdp/sdk/protocol';

export type ReceiptOutboxStore = Pick<Storage, 'getItem' | 'setItem'>;

const keyFor = (webId: string) => `decdp.wallet.outbox:${webId}`;

export function pendingReceipts(store: ReceiptOutboxStore, webId: string): ConsentReceipt[] {
  try {
    const items = JSON.parse(store.getItem(keyFor(webId)) ?? '[]') as unknown[];
    return items.flatMap((item) => {
      try {
        return [parseConsentReceipt(item)];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

export function queueReceipt(store: ReceiptOutboxStore, webId: string, receipt: ConsentReceipt): void {
  const items = pendingReceipts(store, webId).filter((item) => item.id !== receipt.id);
  store.setItem(keyFor(webId), JSON.stringify([...items, receipt]));
}

/** Saves every waiting receipt; keeps the ones that fail again. Returns how many were saved. */
export async function flushReceipts(params: {
  store: ReceiptOutboxStore;
  webId: string;
  save: (receipt: ConsentReceipt) => Promise<unknown>;
}): Promise<{ saved: ConsentReceipt[]; waiting: number }> {
  const saved: ConsentReceipt[] = [];
  const waiting: ConsentReceipt[] = [];
  for (const receipt of pendingReceipts(params.store, params.webId)) {
    try {
      await params.save(receipt);
      saved.push(receipt);
    } catch {
      waiting.push(receipt);
    }
  }
  params.store.setItem(keyFor(params.webId), JSON.stringify(waiting));
  return { saved, waiting: waiting.length };
}
