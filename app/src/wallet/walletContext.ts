// What every action on a request acts with: the page's configuration and the logged-in person's
// pod, unlocked wallet and credentials (approveRequest, claimReward).
import type { AttributeCredential } from '@decdp/sdk/protocol';
import type { AppConfig } from '../shared/config.ts';
import type { PodFetch, UnlockedWallet } from './pod.ts';

export type WalletContext = {
  config: AppConfig;
  podUrl: string;
  /** Whose receipt outbox a receipt the pod could not take waits in (receiptOutbox.ts). */
  webId: string;
  fetch: PodFetch;
  wallet: UnlockedWallet;
  credentials: readonly AttributeCredential[];
};
