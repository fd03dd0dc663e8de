// The wallet's keys on this device: create a new wallet (first run: the pod gets the commitment
// and the reward address, never the secret), unlock an existing one with the recovery phrase
// (optionally choosing a passphrase), or with the passphrase (unlockWallet.ts, deviceKeys.ts).
import { walletKeysFromPhrase } from '@decdp/sdk/wallet';
import { createWalletInPod } from '../pod.ts';
import { unlockWithPassphrase, unlockWithPhrase } from '../unlockWallet.ts';
import type { PodAccess } from './usePod.ts';

export type WalletKeyActions = {
  createWallet: (phrase: string, passphrase: string) => Promise<void>;
  restoreWallet: (phrase: string, passphrase: string) => Promise<void>;
  unlockWallet: (passphrase: string) => Promise<void>;
};

export function useWalletKeys(access: PodAccess): WalletKeyActions {
  const { pod, setPod, session, report, setStatus, setLoading, refreshBalance } = access;

  async function createWallet(phrase: string, passphrase: string) {
    if (!pod) return;
    setLoading(true);
    try {
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
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }

  async function restoreWallet(phrase: string, passphrase: string) {
    if (!pod?.walletDocument) return;
    setLoading(true);
    try {
      const where = { webId: session.webId, podUrl: pod.podUrl, fetch: session.fetch };
      const { wallet } = await unlockWithPhrase({ ...where, phrase, passphrase, document: pod.walletDocument });
      setPod((current) => (current ? { ...current, wallet } : current));
      setStatus('Your wallet is unlocked on this device.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }

  async function unlockWallet(passphrase: string) {
    if (!pod?.walletDocument) return;
    setLoading(true);
    try {
      const where = { webId: session.webId, podUrl: pod.podUrl, fetch: session.fetch };
      const wallet = await unlockWithPassphrase({ ...where, passphrase, document: pod.walletDocument });
      setPod((current) => (current ? { ...current, wallet } : current));
      setStatus('Your wallet is unlocked on this device.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }

  return { createWallet, restoreWallet, unlockWallet };
}
