// The requests the wallet shows: from the pod inbox and from the merchant service, merged,
// checked (signature, expiry) and matched with the receipts already in the pod.
import type { ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import { type ExplainedRequest, explainRequest, type RequestWarningCode } from '@decdp/sdk/wallet';
import type { DenialReceipt } from './denialReceipt.ts';

export type RequestSource = 'pod inbox' | 'merchant';

export type WalletRequest = {
  /** merchant address + request id: unique across merchants. */
  key: string;
  signed: SignedRequest;
  sources: RequestSource[];
  /** What a yes reveals and every warning (explainRequest). */
  explained: ExplainedRequest;
  /** Why it cannot be answered (bad signature, expired, unknown attribute), in words; null when it can. */
  problem: string | null;
  /** The receipt of an earlier answer (the active one if any, else a revoked one). */
  receipt: ConsentReceipt | null;
  /** The person's earlier "no", if any: such a request is never answered automatically. */
  denial: DenialReceipt | null;
  /** Set when a standing policy answered it: the policy's words. */
  automatic?: string;
};

export function requestKey(signed: SignedRequest): string {
  return `${signed.request.merchant.address}:${signed.request.id}`;
}

export function mergeRequests(params: {
  inbox: readonly SignedRequest[];
  merchant: readonly SignedRequest[];
  receipts: readonly ConsentReceipt[];
  denials?: readonly DenialReceipt[];
  now: number;
}): WalletRequest[] {
  const byKey = new Map<string, WalletRequest>();
  const add = (signed: SignedRequest, source: RequestSource) => {
    const key = requestKey(signed);
    const known = byKey.get(key);
    if (known) {
      if (!known.sources.includes(source)) known.sources.push(source);
      return;
    }
    const explained = explainRequest(signed, { now: params.now });
    byKey.set(key, {
      key,
      signed,
      sources: [source],
      explained,
      problem: problemOf(explained),
      receipt: null,
      denial: null,
    });
  };
  for (const signed of params.inbox) add(signed, 'pod inbox');
  for (const signed of params.merchant) add(signed, 'merchant');
  for (const receipt of params.receipts) {
    const match = byKey.get(`${receipt.merchant.address}:${receipt.requestId}`);
    // A revoked answer still counts: its nullifier stays spent at the merchant, so answering
    // again (by hand or by a setting) would only be refused.
    if (match && (!match.receipt || receipt.status === 'active')) match.receipt = receipt;
  }
  for (const denial of params.denials ?? []) {
    const match = byKey.get(`${denial.merchant.address}:${denial.requestId}`);
    if (match && !match.receipt) match.denial = denial;
  }
  // Open first (newest first), then answered or denied, then the ones that cannot be answered.
  const rank = (item: WalletRequest) => (item.problem ? 2 : item.receipt || item.denial ? 1 : 0);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || b.signed.request.issuedAt - a.signed.request.issuedAt);
}

/** Warnings that make a request unanswerable; the others (an exact-value leak) only caution. */
const BLOCKING: ReadonlySet<RequestWarningCode> = new Set([
  'MALFORMED',
  'SIGNATURE_INVALID',
  'REQUEST_EXPIRED',
  'UNKNOWN_ATTRIBUTE',
]);

function problemOf(explained: ExplainedRequest): string | null {
  const blocking = explained.warnings.filter((warning) => BLOCKING.has(warning.code));
  return blocking.length ? blocking.map((warning) => warning.message).join(' ') : null;
}
