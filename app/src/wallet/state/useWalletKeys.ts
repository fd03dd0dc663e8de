// The wallet's keys on this device: create a new wallet (first run: the pod gets the commitment
// and the reward address, never the secret) or unlock an existing one with the recovery phrase.
import { assertKeysMatch, walletKeysFromPhrase } from '@decdp/sdk/wallet';
import { saveDeviceKeys } from '../deviceKeys.ts';
import { createWalletInPod } from '../pod.ts';
import type { PodAccess } from './usePod.ts';

export type WalletKeyActions = {
  createWallet: (phrase: string) => Promise<void>;
  restoreWallet: (phrase: string) => Promise<void>;
};

export function useWalletKeys(access: PodAccess): WalletKeyActions {
  const { pod, setPod, session, report, setStatus, setLoading, refreshBalance } = access;

  async function createWallet(phrase: string) {
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
      saveDeviceKeys(session.webId, keys);
      const wallet = { holderSecret: keys.holderSecret, recipient: keys.recipient };
      setPod((current) => (current ? { ...current, walletDocument, wallet } : current));
      setStatus('Your wallet is ready. Keep your 12 words safe.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }

  async function restoreWallet(phrase: string) {
    if (!pod?.walletDocument) return;
    try {
      const keys = await walletKeysFromPhrase(phrase);
      assertKeysMatch(keys, pod.walletDocument);
      saveDeviceKeys(session.webId, keys);
      const wallet = { holderSecret: keys.holderSecret, recipient: keys.recipient };
      setPod((current) => (current ? { ...current, wallet } : current));
      setStatus('Your wallet is unlocked on this device.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    }
  }

  return { createWallet, restoreWallet };
}
