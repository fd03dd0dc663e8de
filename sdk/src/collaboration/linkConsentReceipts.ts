// The person's record of a link, in the pod: one consent receipt per merchant of the link (the
// same Kantara-style ConsentReceipt as for answers), so the wallet's "how my data is used" page
// lists the link at every merchant and a revocation can be sent to each of them.
import { type ConsentReceipt, parseConsentReceipt } from '../protocol/consentReceipt.ts';
import { type LinkBundle, linkBundleHash } from './linkBundle.ts';
import type { SignedLinkRequest } from './linkRequest.ts';

/** "Your pseudonyms at Bike Shop and Coffee Bar belong to the same person (campaign …)". */
export function describeLink(request: SignedLinkRequest['request']): string {
  const names = request.merchants.map((merchant) => merchant.name);
  const listed = names.length === 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `your pseudonyms at ${listed} belong to the same person, for the joint campaign "${request.campaign.name}"`;
}

/**
 * One receipt per merchant (`link-<request id>-<merchant index>`), active, with that merchant's
 * pseudonym and the bundle's hash. `recordIds` are the merchants' record ids when they answered
 * (default 0).
 */
export function linkConsentReceipts(params: {
  signedLinkRequest: SignedLinkRequest;
  bundle: LinkBundle;
  /** ISO time the link was recorded. */
  createdAt: string;
  recordIds?: readonly number[];
}): ConsentReceipt[] {
  const { request } = params.signedLinkRequest;
  const proofHash = linkBundleHash(params.bundle);
  return request.merchants.map((merchant, index) => {
    const proof = params.bundle.proofs.find((entry) => entry.merchantIndex === index);
    return parseConsentReceipt({
      version: 1,
      id: `link-${request.id}-${index}`,
      requestId: request.id,
      merchant: { name: merchant.name, address: merchant.address, requestEndpoint: merchant.linkEndpoint },
      predicates: [describeLink(request)],
      purpose: request.purpose,
      retentionDays: request.retentionDays,
      proofHash,
      pseudonym: proof?.pseudonym ?? '',
      createdAt: params.createdAt,
      recordId: params.recordIds?.[index] ?? 0,
      reward: null,
      status: 'active',
      revokedAt: null,
    });
  });
}
