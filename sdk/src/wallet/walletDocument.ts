// /decdp/wallet.json: what the pod knows about the wallet — nothing secret.
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';
import { address, decimal } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import type { WalletKeys } from './recoveryPhrase.ts';

export const walletDocumentSchema = z
  .object({
    version: z.literal(2),
    /** Poseidon(holderSecret), decimal: checks a restored phrase. */
    commitment: decimal,
    recipient: address,
    createdAt: z.string(),
  })
  .strict();

export type WalletDocument = z.output<typeof walletDocumentSchema>;

/** @since 0.2.0 */
export function parseWalletDocument(input: unknown): WalletDocument {
  return parseWith(walletDocumentSchema, input, 'wallet');
}

/** @since 0.2.0 */
export function walletDocumentFor(keys: WalletKeys, now = new Date()): WalletDocument {
  return {
    version: 2,
    commitment: keys.commitment.toString(),
    recipient: keys.recipient,
    createdAt: now.toISOString(),
  };
}

/**
 * Throws when the phrase belongs to another wallet than the one in this pod.
 * @since 0.2.0
 */
export function assertKeysMatch(keys: WalletKeys, document: WalletDocument): void {
  if (keys.commitment.toString() !== document.commitment) {
    throw new InvalidInputError('This recovery phrase belongs to another wallet than the one in this pod.', {
      field: 'recoveryPhrase',
      hint: 'Enter the phrase you wrote down when this wallet was created.',
    });
  }
}
