// The holder secret at rest: sealed under a passphrase, never stored in the clear.
//
// passphrase ──scrypt (memory-hard, @noble/hashes)──▶ 256-bit key ──▶ non-extractable WebCrypto
// AES-GCM key ──▶ ciphertext. The label (which secret this is, e.g. the wallet's commitment) is
// the AES-GCM associated data, so a sealed document cannot be passed off as another. One format
// for the browser's device vault, the backup in the pod and the wallet agent's file; WebCrypto
// is the same in the browser and Node 22.
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

export const sealedSecretSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.sealed-secret'),
    /** What is sealed, bound to the ciphertext (AES-GCM associated data). */
    label: z.string().min(1).max(200),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: powerOfTwo,
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: base64,
      })
      .strict(),
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
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(params.passphrase, salt, cost);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(params.label) },
    key,
    new TextEncoder().encode(params.text),
  );
  return parseSealedSecret({
    version: 1,
    type: 'decdp.sealed-secret',
    label: params.label,
    kdf: { name: 'scrypt', ...cost, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) },
    createdAt: (params.now ?? new Date()).toISOString(),
  });
}

/**
 * Opens a sealed text. A wrong passphrase (or a document altered after sealing) fails closed
 * with WrongPassphraseError; a document sealed for another label with InvalidInputError.
 * @since 0.2.0
 */
export async function openSealedText(params: { sealed: unknown; passphrase: string; label: string }): Promise<string> {
  const sealed = parseSealedSecret(params.sealed);
  if (sealed.label !== params.label) {
    throw new InvalidInputError('This sealed secret belongs to something else.', {
      field: 'sealed.label',
      details: [`expected ${params.label}`, `found ${sealed.label}`],
    });
  }
  const key = await passphraseKey(params.passphrase, fromBase64(sealed.kdf.salt), sealed.kdf);
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
    throw new WrongPassphraseError(undefined, { cause });
  }
  return new TextDecoder().decode(plain);
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
  const commitment = await subjectCommitment(params.holderSecret);
  return sealText({
    text: params.holderSecret.toString(),
    passphrase: params.passphrase,
    label: holderSecretLabel(commitment),
    ...(params.cost ? { cost: params.cost } : {}),
    ...(params.now ? { now: params.now } : {}),
  });
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
  const text = await openSealedText({
    sealed: params.sealed,
    passphrase: params.passphrase,
    label: holderSecretLabel(params.commitment),
  });
  const holderSecret = /^\d{1,78}$/.test(text) ? BigInt(text) : -1n;
  if (holderSecret < 0n || (await subjectCommitment(holderSecret)).toString() !== params.commitment.toString()) {
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
