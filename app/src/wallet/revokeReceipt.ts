// "Revoke": withdraw one consent. The worker proves the pseudonym and sends the revocation to the
// merchant (the SDK's revokeConsent, docs/interfaces.md § Revocation), which deletes the light
// record and signs a deletion confirmation; the SDK checks that signature. The wallet then marks
// the receipt revoked and keeps the signed confirmation beside it in the pod.
import type { SignedDeletionConfirmation } from '@decdp/sdk/merchant';
import { decdpUrls } from '@decdp/sdk/pod';
import type { ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import { type PodFetch, saveReceipt, writeJson } from './pod.ts';
import { type HolderProof, revokeInWorker } from './proveInWorker.ts';

export type RevokedReceipt = { receipt: ConsentReceipt; confirmation: SignedDeletionConfirmation };

/** Where the merchant's signed deletion confirmation of a receipt is kept. */
export function confirmationUrl(podUrl: string, receiptId: string): string {
  return `${decdpUrls(podUrl).receipts}confirmations/${encodeURIComponent(receiptId)}.json`;
}

export async function revokeReceipt(
  params: HolderProof & { podUrl: string; fetch: PodFetch; receipt: ConsentReceipt; signedRequest: SignedRequest },
): Promise<RevokedReceipt> {
  const confirmation = await revokeInWorker(params);
  const receipt: ConsentReceipt = {
    ...params.receipt,
    status: 'revoked',
    revokedAt: new Date(confirmation.confirmation.deletedAt * 1000).toISOString(),
  };
  await writeJson({ url: confirmationUrl(params.podUrl, receipt.id), data: confirmation, fetch: params.fetch });
  await saveReceipt({ podUrl: params.podUrl, receipt, fetch: params.fetch });
  return { receipt, confirmation };
}
