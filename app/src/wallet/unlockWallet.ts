// Unlocking the wallet on this device: with the recovery phrase (any device, always works) or
// with the passphrase (the device vault, else the encrypted backup in the pod). Choosing a
// passphrase seals the secret for both places; nothing secret is ever stored in the clear
// (deviceKeys.ts says where what is kept).
import { InvalidInputError } from '@decdp/sdk/errors';
import type { PodFetch } from '@decdp/sdk/pod';
import {
  assertKeysMatch,
  assertPassphrase,
  openHolderSecret,
  readWalletBackup,
  saveWalletBackup,
  sealHolderSecret,
  type WalletDocument,
  type WalletKeys,
  walletKeysFromPhrase,
} from '@decdp/sdk/wallet';
import { loadDeviceVault, resumeDeviceSession, saveDeviceVault, startDeviceSession } from './deviceKeys.ts';
import type { UnlockedWallet } from './pod.ts';

type Where = { webId: string; podUrl: string; fetch: PodFetch };

/** Where a passphrase can unlock from: this device's vault, the pod's backup, or nowhere. */
export type PassphraseSource = 'device' | 'pod' | null;

export async function passphraseSource(params: Where): Promise<PassphraseSource> {
  if (await loadDeviceVault(params.webId)) return 'device';
  const backup = await readWalletBackup(params).catch(() => null);
  return backup ? 'pod' : null;
}

/** This tab's session, if the wallet was unlocked before the reload. */
export function resumeWallet(params: { webId: string; document: WalletDocument }): Promise<UnlockedWallet | null> {
  return resumeDeviceSession(params.webId, params.document);
}

/**
 * Keys from the recovery phrase (checked against the pod's commitment when there is a wallet).
 * With a passphrase the secret is sealed into this device's vault and the pod's backup.
 */
export async function unlockWithPhrase(
  params: Where & { phrase: string; passphrase?: string; document?: WalletDocument },
): Promise<{ keys: WalletKeys; wallet: UnlockedWallet }> {
  if (params.passphrase) assertPassphrase(params.passphrase);
  const keys = await walletKeysFromPhrase(params.phrase);
  if (params.document) assertKeysMatch(keys, params.document);
  const wallet = { holderSecret: keys.holderSecret, recipient: keys.recipient };
  if (params.passphrase) await protectWithPassphrase({ ...params, wallet, passphrase: params.passphrase });
  await startDeviceSession(params.webId, wallet, keys.commitment.toString());
  return { keys, wallet };
}

/** Seals the secret under the passphrase: device vault and pod backup. */
export async function protectWithPassphrase(params: Where & { wallet: UnlockedWallet; passphrase: string }) {
  const sealed = await sealHolderSecret({ holderSecret: params.wallet.holderSecret, passphrase: params.passphrase });
  await saveDeviceVault(params.webId, sealed);
  await saveWalletBackup({ podUrl: params.podUrl, sealed, fetch: params.fetch });
}

/**
 * The passphrase opens the device vault, or else the pod's backup (a second device), which is
 * then kept in this device's vault. A wrong passphrase throws WrongPassphraseError.
 */
export async function unlockWithPassphrase(
  params: Where & { passphrase: string; document: WalletDocument },
): Promise<UnlockedWallet> {
  const onDevice = await loadDeviceVault(params.webId);
  const sealed = onDevice ?? (await readWalletBackup(params));
  if (!sealed) {
    throw new InvalidInputError('No passphrase was set for this wallet.', {
      field: 'passphrase',
      hint: 'Unlock with your 12-word recovery phrase; you can choose a passphrase there.',
    });
  }
  const holderSecret = await openHolderSecret({
    sealed,
    passphrase: params.passphrase,
    commitment: params.document.commitment,
  });
  if (!onDevice) await saveDeviceVault(params.webId, sealed);
  // The reward address is public (wallet.json); only the secret needed opening.
  const wallet = { holderSecret, recipient: params.document.recipient };
  await startDeviceSession(params.webId, wallet, params.document.commitment);
  return wallet;
}
