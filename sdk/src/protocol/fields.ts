// The fields every wire shape is built from (requests, bundles, revocations, link requests, pod
// documents), defined once so each one parses — and answers a bad value — the same everywhere.
import { getAddress } from 'ethers';
import { z } from 'zod';
import { PUBLIC_SIGNALS } from './publicSignals.ts';

/** A field element or token amount as a decimal string (at most 78 digits: below 2^256). */
export const decimal = z.string().regex(/^\d{1,78}$/, 'must be a decimal integer string');

/** Tokens as a person reads them ("2.5"), never base units: campaign and mask-request amounts alike. */
export const tokenAmount = z
  .string()
  .regex(/^\d{1,30}(\.\d{1,18})?$/, 'must be an amount of tokens, e.g. "5" or "2.5"')
  .refine((text) => /[1-9]/.test(text), 'must be more than 0');

/** An Ethereum address as sent; kept as written where the value is hashed or signed as it is. */
export const addressText = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address');

/** An Ethereum address, checksummed on the way in so equal addresses compare equal. */
export const address = addressText.transform((value) => getAddress(value));

/** keccak256 output as lower-case 0x-hex. */
export const hash32 = z.string().regex(/^0x[0-9a-f]{64}$/, 'must be a 32-byte hash as lower-case 0x-hex');

/** An id that goes into URLs and scopes unescaped: request ids, collaboration and campaign ids. */
export const idPart = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

/** 16 random bytes as 0x-hex: makes each signed message unique. */
export const nonce = z.string().regex(/^0x[0-9a-f]{32}$/, 'must be 16 random bytes as 0x-hex');

/** An EIP-191 signature. */
export const signature = z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte signature as 0x-hex');

/** A snarkjs Groth16 proof over BN254. */
export const groth16ProofSchema = z
  .object({
    pi_a: z.array(decimal).length(3),
    pi_b: z.array(z.array(decimal).length(2)).length(3),
    pi_c: z.array(decimal).length(3),
    protocol: z.literal('groth16'),
    curve: z.literal('bn128'),
  })
  .strict();

/** One credential-circuit proof as it travels: the proof and its public signals, in circuit order. */
export const circuitProofFields = {
  proof: groth16ProofSchema,
  publicSignals: z.array(decimal).length(PUBLIC_SIGNALS.length),
};

/**
 * A proof over a credential, as answers, links and revocations carry it: the issuer whose
 * credential was used (hashed into the proof's statementHash, so the verifier recomputes it) and
 * the proof with its signals.
 */
export const credentialProofFields = { issuerKeyHash: decimal, ...circuitProofFields };
