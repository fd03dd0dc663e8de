// What the wallet is about to send, written down before it is sent: if the page is reloaded or
// closed while the proof is on its way (the merchant may have recorded it), the next visit sends
// the same proof again — the merchant answers "duplicate" with its record — and saves the receipt,
// so no answer the merchant kept is ever missing from the person's history.
import { type ProofBundle, parseSignedRequest, type SignedRequest } from '@decdp/sdk/protocol';
import { type DeviceStore, storedList } from './storedList.ts';

export type SentAnswer = { signedRequest: SignedRequest; bundle: ProofBundle; sentAt: string };

const inFlight = (store: DeviceStore, webId: string) =>
  storedList({
    store,
    key: `decdp.wallet.sending:${webId}`,
    parse: (item) => {
      const answer = item as SentAnswer;
      return { ...answer, signedRequest: parseSignedRequest(answer.signedRequest) };
    },
  });

export function answersBeingSent(store: DeviceStore, webId: string): SentAnswer[] {
  return inFlight(store, webId).read();
}

const sameRequest = (a: SignedRequest, b: SignedRequest) =>
  a.request.id === b.request.id && a.request.merchant.address === b.request.merchant.address;

/** Written just before the proof leaves the device. */
export function rememberSending(store: DeviceStore, webId: string, answer: SentAnswer): void {
  const items = answersBeingSent(store, webId).filter((item) => !sameRequest(item.signedRequest, answer.signedRequest));
  inFlight(store, webId).write([...items, answer]);
}

/** Once the receipt is kept (in the pod or its outbox), the answer is no longer in flight. */
export function forgetSending(store: DeviceStore, webId: string, signedRequest: SignedRequest): void {
  inFlight(store, webId).write(
    answersBeingSent(store, webId).filter((item) => !sameRequest(item.signedRequest, signedRequest)),
  );
}
