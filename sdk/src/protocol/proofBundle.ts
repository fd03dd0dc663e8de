// What the wallet sends back: one Groth16 proof per predicate, all from the same holder.
// Version 2 (circuit v2, four public signals): the bundle names the pseudonym and each proof's
// issuer; both are bound by the proof (contextHash, statementHash) and the merchant recomputes them.

import { z } from 'zod';
import { canonicalDigest } from './canonicalJson.ts';
import { addressText, credentialProofFields, decimal } from './fields.ts';
import { parseWith } from './parse.ts';

export { groth16ProofSchema } from './fields.ts';

export const proofBundleSchema = z
  .object({
    /** 3 = circuit v3 (CIRCUIT_VERSION); bundles of older circuits are refused here, by name. */
    version: z.literal(3),
    requestId: z.string().min(1).max(64),
    requestHash: decimal,
    recipient: addressText,
    /** Poseidon(holderSecret, merchantScope); every proof's contextHash = Poseidon(pseudonym, requestHash). */
    pseudonym: decimal,
    proofs: z
      .array(
        z
          .object({
            predicateIndex: z.number().int().min(0).max(7),
            ...credentialProofFields,
          })
          .strict(),
      )
      .min(1)
      .max(8),
  })
  .strict();

export type ProofBundle = z.output<typeof proofBundleSchema>;

export function parseProofBundle(input: unknown): ProofBundle {
  return parseWith(proofBundleSchema, input, 'bundle');
}

/** keccak256 of the bundle's canonical JSON: the proof hash kept in light records and receipts. */
export function proofBundleHash(bundle: ProofBundle): string {
  return canonicalDigest(bundle);
}
