// The wallet's keys come from one BIP-39 recovery phrase the person writes down: the holder
// secret (for proofs) and the reward address (an Ethereum account they own). Nothing secret is
// stored in the pod — it keeps only the commitment and the address — so a pod breach reveals no
// secret, and a new device needs only the phrase.
import { concat, getBytes, HDNodeWallet, keccak256, Mnemonic, randomBytes, toUtf8Bytes } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import { subjectCommitment } from './holderSecret.ts';

/** Where the reward account sits in the phrase's key tree (the first standard Ethereum account). */
export const REWARD_ACCOUNT_PATH = "m/44'/60'/0'/0/0";

export type WalletKeys = {
  holderSecret: bigint;
  /** Poseidon(holderSecret): stored in the pod to check a restored phrase. */
  commitment: bigint;
  /** The reward address (checksummed). */
  recipient: string;
};

/**
 * 12 words from 128 bits of fresh randomness.
 * @since 0.2.0
 */
export function createRecoveryPhrase(): string {
  return Mnemonic.fromEntropy(randomBytes(16)).phrase;
}

function mnemonicOf(phrase: string): Mnemonic {
  const normalized = phrase.trim().toLowerCase().split(/\s+/).join(' ');
  if (!Mnemonic.isValidMnemonic(normalized)) {
    throw new InvalidInputError('The recovery phrase is not valid.', {
      field: 'recoveryPhrase',
      hint: 'Check the words and their order (12 words, separated by spaces).',
    });
  }
  return Mnemonic.fromPhrase(normalized);
}

/**
 * The holder secret alone (no commitment, synchronous): keccak256("decdp:holder-secret:v1" ‖ seed) >> 8.
 * @since 0.2.0
 */
export function holderSecretFromPhrase(phrase: string): bigint {
  // Domain-separated from the Ethereum keys; >> 8 keeps it below the BN254 field modulus.
  const seed = getBytes(mnemonicOf(phrase).computeSeed());
  return BigInt(keccak256(concat([toUtf8Bytes('decdp:holder-secret:v1'), seed]))) >> 8n;
}

/** @since 0.2.0 */
export async function walletKeysFromPhrase(phrase: string): Promise<WalletKeys> {
  const holderSecret = holderSecretFromPhrase(phrase);
  const recipient = HDNodeWallet.fromMnemonic(mnemonicOf(phrase), REWARD_ACCOUNT_PATH).address;
  return { holderSecret, commitment: await subjectCommitment(holderSecret), recipient };
}
