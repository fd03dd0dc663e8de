// The requests the wallet shows: from the pod inbox and from the merchant service, merged,
// checked (signature, expiry) and matched with the receipts already in the pod.
import {
  assertRequestFresh,
  assertRequestSignature,
  type ConsentReceipt,
  getAttribute,
  type SignedRequest,
} from '@decdp/sdk/protocol';
import { errorInWords } from '../shared/errors.ts';

export type RequestSource = 'pod inbox' | 'merchant';

export type WalletRequest = {
  /** merchant address + request id: unique across merchants. */
  key: string;
  signed: SignedRequest;
  sources: RequestSource[];
  /** Why it cannot be answered (bad signature, expired), in words; null when it can. */
  problem: string | null;
  /** The receipt of an earlier answer, if any. */
  receipt: ConsentReceipt | null;
};

export function requestKey(signed: SignedRequest): string {
  return `${signed.request.merchant.address}:${signed.request.id}`;
}

export function mergeRequests(params: {
  inbox: readonly SignedRequest[];
  merchant: readonly SignedRequest[];
  receipts: readonly ConsentReceipt[];
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
    byKey.set(key, { key, signed, sources: [source], problem: problemOf(signed, params.now), receipt: null });
  };
  for (const signed of params.inbox) add(signed, 'pod inbox');
  for (const signed of params.merchant) add(signed, 'merchant');
  for (const receipt of params.receipts) {
    const match = byKey.get(`${receipt.merchant.address}:${receipt.requestId}`);
    if (match && receipt.status === 'active') match.receipt = receipt;
  }
  // Open first (newest first), then answered, then the ones that cannot be answered.
  const rank = (item: WalletRequest) => (item.problem ? 2 : item.receipt ? 1 : 0);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || b.signed.request.issuedAt - a.signed.request.issuedAt);
}

function problemOf(signed: SignedRequest, now: number): string | null {
  try {
    assertRequestSignature(signed);
    assertRequestFresh(signed.request, now);
    for (const [index, predicate] of signed.request.predicates.entries()) {
      getAttribute(predicate.attribute, `request.predicates[${index}].attribute`);
    }
    return null;
  } catch (error) {
    const words = errorInWords(error);
    return words.hint ? `${words.message} ${words.hint}` : words.message;
  }
}
