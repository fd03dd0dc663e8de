import { PodError } from '../errors/index.ts';
import type { PodFetch } from '../pod/documents.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { findConnectedInbox } from './connectedInboxes.ts';
import { deliverRequest } from './deliverRequest.ts';

export type DeliveryReport = {
  delivered: number;
  /** Inboxes the people closed (404/403/410): forgotten. */
  closed: number;
  /** Inboxes that could not be reached or refused otherwise: kept for next time. */
  failed: number;
};

/**
 * Delivers a signed request to every inbox people connected to this merchant, with the merchant's
 * own Solid login. An inbox its person closed is forgotten, so nothing is sent there again. With
 * `inboxId` (connectedInboxId) only to that one inbox: InboxNotConnectedError when the merchant
 * holds none under it (never connected, or forgotten).
 * @since 0.2.0
 */
export async function deliverToInboxes(params: {
  store: MerchantStore;
  signedRequest: SignedRequest;
  fetch: PodFetch;
  inboxId?: string;
}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, closed: 0, failed: 0 };
  const inboxes =
    params.inboxId === undefined
      ? await params.store.listInboxes()
      : [(await findConnectedInbox({ store: params.store, id: params.inboxId })).inbox];
  for (const inbox of inboxes) {
    try {
      await deliverRequest({ inbox, signedRequest: params.signedRequest, fetch: params.fetch });
      report.delivered += 1;
    } catch (error) {
      const status = error instanceof PodError ? error.status : undefined;
      if (status === 403 || status === 404 || status === 410) {
        await params.store.deleteInbox(inbox);
        report.closed += 1;
      } else report.failed += 1;
    }
  }
  return report;
}
