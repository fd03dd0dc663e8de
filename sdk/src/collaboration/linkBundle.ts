// What the wallet sends to the joint campaign: one credential proof (circuit v2, unchanged) per
// merchant of the link request, all bound to the same link request hash and the same campaign
// nullifier. Equal nullifiers mean one holder secret; each contextHash ties the named pseudonym
// to that secret at that merchant's scope.
import { z } from 'zod';
import { canonicalDigest } from '../protocol/canonicalJson.ts';
import { addressText, credentialProofFields, decimal } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';

export const linkBundleSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.link-bundle'),
    linkRequestId: z.string().min(1).max(64),
    linkRequestHash: decimal,
    /** Bound in every proof (a joint reward goes there); the zero address when nothing is paid. */
    recipient: addressText,
    proofs: z
      .array(
        z
          .object({
            /** Index into the link request's `merchants`. */
            merchantIndex: z.number().int().min(0).max(3),
            /** Poseidon(holderSecret, merchants[merchantIndex].scope): the person's name at that merchant. */
            pseudonym: decimal,
            ...credentialProofFields,
          })
          .strict(),
      )
      .min(2)
      .max(4),
  })
  .strict();

export type LinkBundle = z.output<typeof linkBundleSchema>;

export function parseLinkBundle(input: unknown): LinkBundle {
  return parseWith(linkBundleSchema, input, 'bundle');
}

/** keccak256 of the bundle's canonical JSON: the proof hash in link records and consent receipts. */
export function linkBundleHash(bundle: LinkBundle): string {
  return canonicalDigest(bundle);
}
