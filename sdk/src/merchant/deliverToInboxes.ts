import { PodError } from '../errors/index.ts';
import type { PodFetch } from '../pod/documents.ts';
import type { SignedRequest } from '../protocol/request.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
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
 * own Solid login. An inbox its person closed is forgotten, so nothing is sent there again.
 * @since 0.2.0
 */
export async function deliverToInboxes(params: {
  store: MerchantStore;
  signedRequest: SignedRequest;
  fetch: PodFetch;
}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, closed: 0, failed: 0 };
  for (const inbox of await params.store.listInboxes()) {
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
