// What the wallet read from the pod (and the merchant service) for the logged-in person, and the
// small pure helpers that replace one part of it.
import type { AttributeCredential, ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import type { StandingPolicy, WalletDocument } from '@decdp/sdk/wallet';
import type { DenialReceipt } from '../denialReceipt.ts';
import type { DeletionSummary } from '../HistoryPanel.tsx';
import type { AutomaticAnswer, InvalidDocument, PodDocuments, UnlockedWallet } from '../pod.ts';
import type { PassphraseSource } from '../unlockWallet.ts';

export type PodState = {
  podUrl: string;
  /** wallet.json: null on first run (no wallet in this pod yet), undefined when it could not be read. */
  walletDocument: WalletDocument | null | undefined;
  /** Unlocked in this tab (recovery phrase or passphrase), else null. */
  wallet: UnlockedWallet | null;
  /** Where a passphrase can unlock the wallet from, when it is locked (unlockWallet.ts). */
  passphraseFrom: PassphraseSource;
  credentials: PodDocuments<AttributeCredential>;
  receipts: PodDocuments<ConsentReceipt>;
  inbox: SignedRequest[];
  merchantRequests: SignedRequest[];
  invalidRequests: InvalidDocument[];
  policies: PodDocuments<StandingPolicy>;
  automaticLog: PodDocuments<AutomaticAnswer>;
  denials: PodDocuments<DenialReceipt>;
  /** Merchants' deletion confirmations, by receipt id. */
  confirmations: Map<string, DeletionSummary>;
};

export type PodList = 'credentials' | 'receipts' | 'policies' | 'automaticLog' | 'denials';

export const EMPTY: PodDocuments<never> = { items: [], invalid: [] };

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The pod state with one receipt replaced by its new version (same id, same pod document). */
export function withReceipt(state: PodState, receipt: ConsentReceipt): PodState {
  const items = state.receipts.items.map((entry) =>
    entry.value.id === receipt.id ? { url: entry.url, value: receipt } : entry,
  );
  return { ...state, receipts: { ...state.receipts, items } };
}

/** The pod state with documents put into one list (a document with the same url is replaced) and others taken out. */
export function withDocuments<K extends PodList>(
  state: PodState,
  list: K,
  put: PodState[K]['items'],
  remove: readonly string[] = [],
): PodState {
  const urls = new Set([...put.map((entry) => entry.url), ...remove]);
  const current = state[list];
  return {
    ...state,
    [list]: { ...current, items: [...current.items.filter((entry) => !urls.has(entry.url)), ...put] },
  };
}

/** The signed request behind a receipt: saved in the pod on approval, or still listed by the merchant. */
export function requestOf(pod: PodState, receipt: ConsentReceipt): SignedRequest | undefined {
  return [...pod.inbox, ...pod.merchantRequests].find(
    (signed) => signed.request.id === receipt.requestId && signed.request.merchant.address === receipt.merchant.address,
  );
}
