// The holder secret at rest: sealed under a passphrase or a passkey, never stored in the clear.
//
// passphrase ──scrypt (memory-hard, @noble/hashes)──▶ 256-bit key ──▶ non-extractable WebCrypto
// AES-GCM key ──▶ ciphertext. The label (which secret this is, e.g. the wallet's commitment) is
// the AES-GCM associated data, so a sealed document cannot be passed off as another. One format
// for the browser's device vault, the backup in the pod and the wallet agent's file; WebCrypto
// is the same in the browser and Node 22.
//
// A passkey instead of the passphrase (where the browser offers the WebAuthn PRF extension): the
// authenticator's PRF output for a random salt (32 bytes, only the authenticator can make it, and
// only after user verification) ──HKDF-SHA-256──▶ non-extractable AES-GCM key ──▶ the same
// ciphertext format; `kdf` names the credential and the salt. The WebAuthn ceremony is the page's
// (app/src/wallet/unlockWallet.ts); here only the key derivation and the cipher.
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { z } from 'zod';
import { InvalidInputError, WrongPassphraseError } from '../errors/index.ts';
import { parseWith } from '../protocol/parse.ts';
import { subjectCommitment } from './holderSecret.ts';

/** scrypt cost: N (a power of two), r, p. Memory used ≈ 128·N·r bytes. */
export type ScryptCost = { N: number; r: number; p: number };

/**
 * 2^17 · 8 · 128 B = 128 MiB per guess: OWASP's scrypt minimum, and what makes offline guessing
 * of a pod backup expensive. Tests may pass a cheaper cost; opening uses whatever was sealed with.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** The shortest passphrase accepted: with scrypt at 128 MiB a guess costs ~0.3 s of one core. */
export const MIN_PASSPHRASE_LENGTH = 8;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const powerOfTwo = z
  .number()
  .int()
  .min(2 ** 10)
  // A sealed document from the pod is untrusted input: bound the work it can ask for (1 GiB).
  .max(2 ** 20)
  .refine((value) => (value & (value - 1)) === 0, 'N must be a power of two');

const scryptKdf = z
  .object({
    name: z.literal('scrypt'),
    N: powerOfTwo,
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: base64,
  })
  .strict();

/** The key comes from a passkey's PRF output for `salt` (HKDF-SHA-256); `credentialId` names the passkey (base64). */
const passkeyKdf = z
  .object({
    name: z.literal('webauthn-prf'),
    credentialId: base64.max(1400),
    salt: base64.max(100),
  })
  .strict();

export const sealedSecretSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.sealed-secret'),
    /** What is sealed, bound to the ciphertext (AES-GCM associated data). */
    label: z.string().min(1).max(200),
    kdf: z.discriminatedUnion('name', [scryptKdf, passkeyKdf]),
    cipher: z.object({ name: z.literal('AES-GCM'), iv: base64, ciphertext: base64 }).strict(),
    createdAt: z.string(),
  })
  .strict();

export type SealedSecret = z.output<typeof sealedSecretSchema>;

/** @since 0.2.0 */
export function parseSealedSecret(input: unknown, field = 'sealed'): SealedSecret {
  return parseWith(sealedSecretSchema, input, field);
}

/**
 * The label of a holder secret: names the wallet by its public commitment.
 * @since 0.2.0
 */
export const holderSecretLabel = (commitment: bigint | string) => `decdp:holder-secret:v1:${commitment}`;

/** @since 0.2.0 */
export function assertPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase.normalize('NFKC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new InvalidInputError(`The passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      field: 'passphrase',
      hint: 'A few unrelated words are easier to remember and harder to guess than a short password.',
    });
  }
}

/**
 * Seals any text (UTF-8) under a passphrase.
 * @since 0.2.0
 */
export async function sealText(params: {
  text: string;
  passphrase: string;
  label: string;
  cost?: ScryptCost;
  now?: Date;
}): Promise<SealedSecret> {
  assertPassphrase(params.passphrase);
  const cost = params.cost ?? DEFAULT_SCRYPT_COST;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return encryptWith({
    ...params,
    key: await passphraseKey(params.passphrase, salt, cost),
    kdf: { name: 'scrypt', ...cost, salt: toBase64(salt) },
  });
}

/**
 * Opens a sealed text. A wrong passphrase (or a document altered after sealing) fails closed
 * with WrongPassphraseError; a document sealed for another label with InvalidInputError.
 * @since 0.2.0
 */
export async function openSealedText(params: { sealed: unknown; passphrase: string; label: string }): Promise<string> {
  const sealed = checkLabel(params.sealed, params.label);
  if (sealed.kdf.name !== 'scrypt') {
    throw new InvalidInputError('This secret is sealed under a passkey, not a passphrase.', { field: 'sealed.kdf' });
  }
  const key = await passphraseKey(params.passphrase, fromBase64(sealed.kdf.salt), sealed.kdf);
  return decryptWith(sealed, key, (cause) => new WrongPassphraseError(undefined, { cause }));
}

/**
 * Seals text under a passkey's PRF output (32 bytes from the authenticator for `salt`).
 * @since 0.2.0
 */
export async function sealTextWithPasskey(params: {
  text: string;
  label: string;
  /** The authenticator's PRF output (`getClientExtensionResults().prf.results.first`). */
  prfOutput: Uint8Array;
  /** The PRF input the output was made for (random, 32 bytes): kept to ask for the same output. */
  salt: Uint8Array;
  /** The passkey's raw credential id. */
  credentialId: Uint8Array;
  now?: Date;
}): Promise<SealedSecret> {
  return encryptWith({
    ...params,
    key: await passkeyKey(params.prfOutput, params.label),
    kdf: { name: 'webauthn-prf', credentialId: toBase64(params.credentialId), salt: toBase64(params.salt) },
  });
}

/**
 * Opens text sealed under a passkey. Another passkey's output (or an altered document) fails
 * closed with WrongPassphraseError ("the passkey did not open it").
 * @since 0.2.0
 */
export async function openSealedTextWithPasskey(params: {
  sealed: unknown;
  label: string;
  prfOutput: Uint8Array;
}): Promise<string> {
  const sealed = checkLabel(params.sealed, params.label);
  if (sealed.kdf.name !== 'webauthn-prf') {
    throw new InvalidInputError('This secret is sealed under a passphrase, not a passkey.', { field: 'sealed.kdf' });
  }
  const key = await passkeyKey(params.prfOutput, sealed.label);
  return decryptWith(
    sealed,
    key,
    (cause) =>
      new WrongPassphraseError('This passkey does not open the wallet on this device.', {
        cause,
        hint: 'Use the passkey you set up for this wallet, your passphrase, or your recovery phrase.',
      }),
  );
}

function checkLabel(input: unknown, label: string): SealedSecret {
  const sealed = parseSealedSecret(input);
  if (sealed.label !== label) {
    throw new InvalidInputError('This sealed secret belongs to something else.', {
      field: 'sealed.label',
      details: [`expected ${label}`, `found ${sealed.label}`],
    });
  }
  return sealed;
}

/** AES-GCM under `key` with the label as associated data, in the one sealed format; `kdf` says how to get the key again. */
async function encryptWith(params: {
  text: string;
  label: string;
  key: CryptoKey;
  kdf: SealedSecret['kdf'];
  now?: Date;
}): Promise<SealedSecret> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(params.label) },
    params.key,
    new TextEncoder().encode(params.text),
  );
  return parseSealedSecret({
    version: 1,
    type: 'decdp.sealed-secret',
    label: params.label,
    kdf: params.kdf,
    cipher: { name: 'AES-GCM', iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) },
    createdAt: (params.now ?? new Date()).toISOString(),
  });
}

async function decryptWith(sealed: SealedSecret, key: CryptoKey, wrong: (cause: unknown) => Error): Promise<string> {
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(sealed.cipher.iv),
        additionalData: new TextEncoder().encode(sealed.label),
      },
      key,
      fromBase64(sealed.cipher.ciphertext),
    );
  } catch (cause) {
    throw wrong(cause);
  }
  return new TextDecoder().decode(plain);
}

/** PRF output → HKDF-SHA-256 (info names the use and the label) → non-extractable AES-GCM key. */
async function passkeyKey(prfOutput: Uint8Array, label: string): Promise<CryptoKey> {
  if (!(prfOutput instanceof Uint8Array) || prfOutput.byteLength < 32) {
    throw new InvalidInputError('The passkey gave no PRF output (32 bytes expected).', { field: 'prfOutput' });
  }
  const material = await crypto.subtle.importKey('raw', new Uint8Array(prfOutput), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(32),
      info: new TextEncoder().encode(`decdp:passkey-unlock:v1:${label}`),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Seals the holder secret; the label names the wallet by its commitment.
 * @since 0.2.0
 */
export async function sealHolderSecret(params: {
  holderSecret: bigint;
  passphrase: string;
  cost?: ScryptCost;
  now?: Date;
}): Promise<SealedSecret> {
  const { holderSecret, ...sealing } = params;
  return sealText({ ...sealing, ...(await holderSecretText(holderSecret)) });
}

/**
 * Opens a sealed holder secret and checks it against the wallet's commitment.
 * @since 0.2.0
 */
export async function openHolderSecret(params: {
  sealed: unknown;
  passphrase: string;
  commitment: bigint | string;
}): Promise<bigint> {
  const { commitment, ...opening } = params;
  return holderSecretOf(await openSealedText({ ...opening, label: holderSecretLabel(commitment) }), commitment);
}

/**
 * Seals the holder secret under a passkey's PRF output (sealTextWithPasskey).
 * @since 0.2.0
 */
export async function sealHolderSecretWithPasskey(params: {
  holderSecret: bigint;
  prfOutput: Uint8Array;
  salt: Uint8Array;
  credentialId: Uint8Array;
  now?: Date;
}): Promise<SealedSecret> {
  const { holderSecret, ...sealing } = params;
  return sealTextWithPasskey({ ...sealing, ...(await holderSecretText(holderSecret)) });
}

/**
 * Opens a holder secret sealed under a passkey and checks it against the wallet's commitment.
 * @since 0.2.0
 */
export async function openHolderSecretWithPasskey(params: {
  sealed: unknown;
  prfOutput: Uint8Array;
  commitment: bigint | string;
}): Promise<bigint> {
  const { commitment, ...opening } = params;
  return holderSecretOf(
    await openSealedTextWithPasskey({ ...opening, label: holderSecretLabel(commitment) }),
    commitment,
  );
}

/** What a holder secret is sealed as: its decimal text, labelled with the wallet's commitment. */
async function holderSecretText(holderSecret: bigint): Promise<{ text: string; label: string }> {
  return { text: holderSecret.toString(), label: holderSecretLabel(await subjectCommitment(holderSecret)) };
}

async function holderSecretOf(text: string, commitment: bigint | string): Promise<bigint> {
  const holderSecret = /^\d{1,78}$/.test(text) ? BigInt(text) : -1n;
  if (holderSecret < 0n || (await subjectCommitment(holderSecret)).toString() !== commitment.toString()) {
    throw new InvalidInputError('The sealed secret does not belong to this wallet.', { field: 'sealed' });
  }
  return holderSecret;
}

/** scrypt → a non-extractable AES-GCM key; the raw bytes are wiped as soon as WebCrypto has them. */
async function passphraseKey(passphrase: string, salt: Uint8Array, cost: ScryptCost): Promise<CryptoKey> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new WrongPassphraseError();
  const raw = await scryptAsync(new TextEncoder().encode(passphrase.normalize('NFKC')), salt, {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    dkLen: 32,
    maxmem: 128 * cost.r * (cost.N + cost.p + 1),
  });
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** @since 0.2.0 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** @since 0.2.0 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
