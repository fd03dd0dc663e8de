// Answers whose reward the merchant recorded but could not relay (its claim transaction failed).
// The claim is retried by sending the very same answer again: the merchant's answer endpoint is
// its claim relay (it pays the gas; the person needs no ETH), and it relays a duplicate answer
// whose reward is missing. The merchant accepts an answer for 10 minutes after it was proved, so
// the bundle is kept on this device, per WebID, with the time it was proved.
import type { ProofBundle } from '@decdp/sdk/protocol';

export type UnclaimedStore = Pick<Storage, 'getItem' | 'setItem'>;

export type UnclaimedReward = {
  receiptId: string;
  requestId: string;
  bundle: ProofBundle;
  /** Unix seconds the proofs were made. */
  provedAt: number;
};

/** How long a merchant accepts a proof (verifyProofBundle's window). */
export const CLAIM_WINDOW_SECONDS = 600;

const keyFor = (webId: string) => `decdp.wallet.unclaimed:${webId}`;

export function listUnclaimed(store: UnclaimedStore, webId: string): UnclaimedReward[] {
  try {
    const items = JSON.parse(store.getItem(keyFor(webId)) ?? '[]') as UnclaimedReward[];
    return Array.isArray(items) ? items.filter((item) => typeof item?.receiptId === 'string' && item.bundle) : [];
  } catch {
    return [];
  }
}

export function keepUnclaimed(store: UnclaimedStore, webId: string, reward: UnclaimedReward): void {
  const items = listUnclaimed(store, webId).filter((item) => item.receiptId !== reward.receiptId);
  store.setItem(keyFor(webId), JSON.stringify([...items, reward]));
}

export function dropUnclaimed(store: UnclaimedStore, webId: string, receiptId: string): void {
  const items = listUnclaimed(store, webId).filter((item) => item.receiptId !== receiptId);
  store.setItem(keyFor(webId), JSON.stringify(items));
}

/** True while the merchant still accepts the kept answer. */
export function canStillClaim(reward: UnclaimedReward, now: number): boolean {
  return now - reward.provedAt < CLAIM_WINDOW_SECONDS - 30;
}
