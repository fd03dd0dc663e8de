// What the wallet is about to send, written down before it is sent: if the page is reloaded or
// closed while the proof is on its way (the merchant may have recorded it), the next visit sends
// the same proof again — the merchant answers "duplicate" with its record — and saves the receipt,
// so no answer the merchant kept is ever missing from the person's history.
import { type ProofBundle, parseSignedRequest, type SignedRequest } from '@decdp/sdk/protocol';
import type { ReceiptOutboxStore } from './receiptOutbox.ts';

export type SentAnswer = { signedRequest: SignedRequest; bundle: ProofBundle; sentAt: string };

const keyFor = (webId: string) => `decdp.wallet.sending:${webId}`;

export function answersBeingSent(store: ReceiptOutboxStore, webId: string): SentAnswer[] {
  try {
    const items = JSON.parse(store.getItem(keyFor(webId)) ?? '[]') as SentAnswer[];
    return items.flatMap((item) => {
      try {
        return [{ ...item, signedRequest: parseSignedRequest(item.signedRequest) }];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

const sameRequest = (a: SignedRequest, b: SignedRequest) =>
  a.request.id === b.request.id && a.request.merchant.address === b.request.merchant.address;

/** Written just before the proof leaves the device. */
export function rememberSending(store: ReceiptOutboxStore, webId: string, answer: SentAnswer): void {
  const items = answersBeingSent(store, webId).filter((item) => !sameRequest(item.signedRequest, answer.signedRequest));
  store.setItem(keyFor(webId), JSON.stringify([...items, answer]));
}

/** Once the receipt is kept (in the pod or its outbox), the answer is no longer in flight. */
export function forgetSending(store: ReceiptOutboxStore, webId: string, signedRequest: SignedRequest): void {
  const items = answersBeingSent(store, webId).filter((item) => !sameRequest(item.signedRequest, signedRequest));
  store.setItem(keyFor(webId), JSON.stringify(items));
}
