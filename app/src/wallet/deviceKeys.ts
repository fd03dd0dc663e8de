// The unlocked wallet on this device, per WebID, so a reload does not ask for the phrase again.
// Kept in localStorage: readable by scripts of this origin only (the page loads no third-party
// script); "Log out" forgets it. The pod never sees it.
import type { WalletDocument, WalletKeys } from '@decdp/sdk/wallet';
import type { UnlockedWallet } from './pod.ts';

const keyFor = (webId: string) => `decdp.wallet.keys:${webId}`;

export function saveDeviceKeys(webId: string, keys: WalletKeys): void {
  localStorage.setItem(
    keyFor(webId),
    JSON.stringify({
      holderSecret: keys.holderSecret.toString(),
      commitment: keys.commitment.toString(),
      recipient: keys.recipient,
    }),
  );
}

/** The keys saved on this device for this pod's wallet, or null (none, or another wallet's). */
export function loadDeviceKeys(webId: string, document: WalletDocument): UnlockedWallet | null {
  try {
    const saved = JSON.parse(localStorage.getItem(keyFor(webId)) ?? 'null') as {
      holderSecret: string;
      commitment: string;
      recipient: string;
    } | null;
    if (!saved || saved.commitment !== document.commitment) return null;
    return { holderSecret: BigInt(saved.holderSecret), recipient: saved.recipient };
  } catch {
    return null;
  }
}

export function forgetDeviceKeys(webId: string): void {
  localStorage.removeItem(keyFor(webId));
}
