// The wallet's keys on this device: create a new wallet (first run: the pod gets the commitment
// and the reward address, never the secret), unlock an existing one with the recovery phrase
// (optionally choosing a passphrase), with the passphrase or with a passkey (unlockWallet.ts, deviceKeys.ts).
import { type WalletDocument, walletKeysFromPhrase } from '@decdp/sdk/wallet';
import type { UnlockedWallet } from '../pod.ts';
import { createWalletInPod } from '../pod.ts';
import { unlockWithPasskey, unlockWithPassphrase, unlockWithPhrase, type Where } from '../unlockWallet.ts';
import { runReported } from './useBusyAction.ts';
import type { PodAccess } from './usePod.ts';

export type WalletKeyActions = {
  createWallet: (phrase: string, passphrase: string) => Promise<void>;
  restoreWallet: (phrase: string, passphrase: string) => Promise<void>;
  unlockWallet: (passphrase: string) => Promise<void>;
  /** With the passkey of this device (settings/PasskeySettings.tsx). */
  unlockWithPasskey: () => Promise<void>;
};

export function useWalletKeys(access: PodAccess): WalletKeyActions {
  const { pod, setPod, session, report, setStatus, setLoading, refreshBalance } = access;

  /** One key step at a time: the page shows it is working, a failure is shown in words. */
  const keyStep = (work: () => Promise<void>) => runReported({ work, setBusy: setLoading, report });

  const createWallet = (phrase: string, passphrase: string) =>
    keyStep(async () => {
      if (!pod) return;
      const keys = await walletKeysFromPhrase(phrase);
      const walletDocument = await createWalletInPod({
        podUrl: pod.podUrl,
        webId: session.webId,
        keys,
        fetch: session.fetch,
      });
      const where = { webId: session.webId, podUrl: pod.podUrl, fetch: session.fetch };
      const { wallet } = await unlockWithPhrase({ ...where, phrase, passphrase, document: walletDocument });
      setPod((current) => (current ? { ...current, walletDocument, wallet } : current));
      setStatus('Your wallet is ready. Keep your 12 words safe.');
      await refreshBalance(wallet);
    });

  /** Opens the wallet of the pod's wallet document on this device, one way or another. */
  const unlock = (open: (where: Where, document: WalletDocument) => Promise<UnlockedWallet>) =>
    keyStep(async () => {
      if (!pod?.walletDocument) return;
      const where = { webId: session.webId, podUrl: pod.podUrl, fetch: session.fetch };
      const wallet = await open(where, pod.walletDocument);
      setPod((current) => (current ? { ...current, wallet } : current));
      setStatus('Your wallet is unlocked on this device.');
      await refreshBalance(wallet);
    });

  return {
    createWallet,
    restoreWallet: (phrase, passphrase) =>
      unlock(async (where, document) => (await unlockWithPhrase({ ...where, phrase, passphrase, document })).wallet),
    unlockWallet: (passphrase) => unlock((where, document) => unlockWithPassphrase({ ...where, passphrase, document })),
    unlockWithPasskey: () => unlock((where, document) => unlockWithPasskey({ webId: where.webId, document })),
  };
}
