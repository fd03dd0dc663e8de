// Receipts that could not be saved in the pod yet (pod unreachable, session expired) wait here
// and are saved on the next refresh, so an answer the merchant recorded never loses its receipt.
import { type ConsentReceipt, parseConsentReceipt } from '@decdp/sdk/protocol';
import { type DeviceStore, storedList } from './storedList.ts';

const outbox = (store: DeviceStore, webId: string) =>
  storedList({ store, key: `decdp.wallet.outbox:${webId}`, parse: parseConsentReceipt });

export function pendingReceipts(store: DeviceStore, webId: string): ConsentReceipt[] {
  return outbox(store, webId).read();
}

export function queueReceipt(store: DeviceStore, webId: string, receipt: ConsentReceipt): void {
  const items = pendingReceipts(store, webId).filter((item) => item.id !== receipt.id);
  outbox(store, webId).write([...items, receipt]);
}

/** Saves every waiting receipt; keeps the ones that fail again. Returns how many were saved. */
export async function flushReceipts(params: {
  store: DeviceStore;
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
  outbox(params.store, params.webId).write(waiting);
  return { saved, waiting: waiting.length };
}
