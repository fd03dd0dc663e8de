// What the wallet sends back: one Groth16 proof per predicate, all from the same holder.
// Version 2 (circuit v2, four public signals): the bundle names the pseudonym and each proof's
// issuer; both are bound by the proof (contextHash, statementHash) and the merchant recomputes them.

import { keccak256, toUtf8Bytes } from 'ethers';
import { z } from 'zod';
import { canonicalJson } from './canonicalJson.ts';
import { parseWith } from './parse.ts';
import { PUBLIC_SIGNALS } from './publicSignals.ts';

const decimal = z.string().regex(/^\d{1,78}$/, 'must be a decimal integer string');

export const groth16ProofSchema = z
  .object({
    pi_a: z.array(decimal).length(3),
    pi_b: z.array(z.array(decimal).length(2)).length(3),
    pi_c: z.array(decimal).length(3),
    protocol: z.literal('groth16'),
    curve: z.literal('bn128'),
  })
  .strict();

export const proofBundleSchema = z
  .object({
    /** 3 = circuit v3 (CIRCUIT_VERSION); bundles of older circuits are refused here, by name. */
    version: z.literal(3),
    requestId: z.string().min(1).max(64),
    requestHash: decimal,
    recipient: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address'),
    /** Poseidon(holderSecret, merchantScope); every proof's contextHash = Poseidon(pseudonym, requestHash). */
    pseudonym: decimal,
    proofs: z
      .array(
        z
          .object({
            predicateIndex: z.number().int().min(0).max(7),
            /** The issuer whose credential was used; hashed into the proof's statementHash. */
            issuerKeyHash: decimal,
            proof: groth16ProofSchema,
            publicSignals: z.array(decimal).length(PUBLIC_SIGNALS.length),
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
  return keccak256(toUtf8Bytes(canonicalJson(bundle)));
}
