// Unlocking the wallet on this device: with the recovery phrase (any device, always works), with
// the passphrase (the device vault, else the encrypted backup in the pod), or with a passkey where
// the browser offers the WebAuthn PRF extension (this device only, beside the passphrase).
// Choosing a passphrase seals the secret for both places; nothing secret is ever stored in the
// clear (deviceKeys.ts says where what is kept).
//
// The passkey: no server verifies it (the pod has no WebAuthn relying party); it serves only as a
// key the authenticator keeps. Its PRF output for a random salt, after user verification, seals
// the secret (secretVault.ts: HKDF → non-extractable AES-GCM key); the sealed copy sits in the
// device vault beside the passphrase one, under its own slot.
import { InvalidInputError } from '@decdp/sdk/errors';
import type { PodFetch } from '@decdp/sdk/pod';
import {
  assertKeysMatch,
  assertPassphrase,
  fromBase64,
  openHolderSecret,
  openHolderSecretWithPasskey,
  readWalletBackup,
  saveWalletBackup,
  sealHolderSecret,
  sealHolderSecretWithPasskey,
  type WalletDocument,
  type WalletKeys,
  walletKeysFromPhrase,
} from '@decdp/sdk/wallet';
import {
  forgetDeviceVault,
  loadDeviceVault,
  resumeDeviceSession,
  saveDeviceVault,
  startDeviceSession,
} from './deviceKeys.ts';
import type { UnlockedWallet } from './pod.ts';

export type Where = { webId: string; podUrl: string; fetch: PodFetch };

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

/** The device-vault slot of the passkey-sealed copy (the passphrase one is under the WebID). */
const passkeySlot = (webId: string) => `passkey:${webId}`;

/** A passkey sealed this wallet's secret on this device. */
export async function hasPasskeyUnlock(webId: string): Promise<boolean> {
  const sealed = await loadDeviceVault(passkeySlot(webId));
  return sealed?.kdf.name === 'webauthn-prf';
}

/** Whether this browser may offer passkeys with PRF (a hint: only the ceremony says for sure). */
export async function passkeyMayWork(): Promise<boolean> {
  if (typeof PublicKeyCredential === 'undefined' || !navigator.credentials) return false;
  const capabilities = (
    PublicKeyCredential as unknown as { getClientCapabilities?: () => Promise<Record<string, boolean>> }
  ).getClientCapabilities;
  if (!capabilities) return true;
  const known = await capabilities().catch(() => ({}) as Record<string, boolean>);
  return known['extension:prf'] !== false;
}

type PrfResults = { prf?: { enabled?: boolean; results?: { first?: ArrayBuffer | Uint8Array } } };

const noPrf = () =>
  new InvalidInputError('This browser or authenticator does not offer the passkey PRF extension.', {
    field: 'passkey',
    hint: 'Keep using your passphrase; a recent Chrome, Edge, Safari or Firefox with a platform passkey offers it.',
  });

/** The authenticator's PRF output for `salt`, after the person verifies (fingerprint, PIN…). */
async function prfOutput(credentialId: Uint8Array<ArrayBuffer>, salt: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const assertion = (await navigator.credentials.get({
    publicKey: {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: [{ type: 'public-key', id: credentialId }],
      userVerification: 'required',
      extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  const first = (assertion?.getClientExtensionResults() as PrfResults | undefined)?.prf?.results?.first;
  if (!first) throw noPrf();
  return new Uint8Array(first);
}

/**
 * Makes a passkey for this wallet on this device and seals the unlocked secret under its PRF
 * output. Throws InvalidInputError (field `passkey`) when PRF is not offered; nothing is kept then.
 */
export async function enrollPasskey(params: { webId: string; wallet: UnlockedWallet; document: WalletDocument }) {
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const credential = (await navigator.credentials.create({
    publicKey: {
      rp: { name: 'DeCDP wallet' },
      // A random handle: the authenticator learns nothing about the person from it.
      user: { id: crypto.getRandomValues(new Uint8Array(16)), name: params.webId, displayName: 'DeCDP wallet' },
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      extensions: { prf: { eval: { first: salt } } } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw noPrf();
  const results = credential.getClientExtensionResults() as PrfResults;
  if (!results.prf?.enabled && !results.prf?.results?.first) throw noPrf();
  const credentialId = new Uint8Array(credential.rawId);
  // Some authenticators give the output at creation, others only when asked afterwards.
  const output = results.prf.results?.first
    ? new Uint8Array(results.prf.results.first)
    : await prfOutput(credentialId, salt);
  const sealed = await sealHolderSecretWithPasskey({
    holderSecret: params.wallet.holderSecret,
    prfOutput: output,
    salt,
    credentialId,
  });
  // Opened once before it is kept: a passkey that cannot open it again is never relied on.
  await openHolderSecretWithPasskey({ sealed, prfOutput: output, commitment: params.document.commitment });
  output.fill(0);
  await saveDeviceVault(passkeySlot(params.webId), sealed);
}

/** Unlocks with the passkey set up on this device. WRONG_PASSPHRASE when another passkey answered. */
export async function unlockWithPasskey(params: { webId: string; document: WalletDocument }): Promise<UnlockedWallet> {
  const sealed = await loadDeviceVault(passkeySlot(params.webId));
  if (sealed?.kdf.name !== 'webauthn-prf') {
    throw new InvalidInputError('No passkey unlocks this wallet on this device.', { field: 'passkey' });
  }
  const output = await prfOutput(fromBase64(sealed.kdf.credentialId), fromBase64(sealed.kdf.salt));
  try {
    const holderSecret = await openHolderSecretWithPasskey({
      sealed,
      prfOutput: output,
      commitment: params.document.commitment,
    });
    const wallet = { holderSecret, recipient: params.document.recipient };
    await startDeviceSession(params.webId, wallet, params.document.commitment);
    return wallet;
  } finally {
    output.fill(0);
  }
}

/** Forgets the passkey-sealed copy on this device (the passkey itself stays in the authenticator). */
export function forgetPasskey(webId: string): Promise<void> {
  return forgetDeviceVault(passkeySlot(webId));
}
