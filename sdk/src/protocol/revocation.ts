// Consent revocation, the shapes both sides share (browser-safe): the person's revocation message,
// the body that carries it with a proof of pseudonym, and the merchant's signed deletion
// confirmation. docs/interfaces.md § Revocation explains the design.
import { getAddress } from 'ethers';
import { z } from 'zod';
import { SignatureInvalidError } from '../errors/index.ts';
import { hashToField } from '../zk/field.ts';
import { canonicalDigest } from './canonicalJson.ts';
import { address, credentialProofFields, decimal, hash32, idPart, nonce, signature } from './fields.ts';
import { parseWith } from './parse.ts';
import { recoverSigner } from './recoverSigner.ts';

export const revocationMessageSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.revocation'),
    merchant: address,
    requestId: idPart,
    proofHash: hash32,
    pseudonym: decimal,
    issuedAt: z.number().int().nonnegative(),
    nonce,
  })
  .strict();
export type RevocationMessage = z.output<typeof revocationMessageSchema>;

export const revocationBodySchema = z
  .object({
    message: revocationMessageSchema,
    /** A credential-circuit proof of `exists` on `attribute`, bound to the message (see docs). */
    proof: z
      .object({
        attribute: z.string().min(1).max(64),
        ...credentialProofFields,
      })
      .strict(),
  })
  .strict();
export type RevocationBody = z.output<typeof revocationBodySchema>;

/** @since 0.2.0 */
export function parseRevocationBody(input: unknown): RevocationBody {
  return parseWith(revocationBodySchema, input, 'body');
}

/**
 * The message's field element: the proof's requestHash and nullifierScope.
 * @since 0.2.0
 */
export function revocationHash(message: RevocationMessage): bigint {
  return hashToField(canonicalDigest(message));
}

export const deletionConfirmationSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.deletion-confirmation'),
    merchant: address,
    requestId: idPart,
    pseudonym: decimal,
    proofHash: hash32,
    revocationHash: decimal,
    deletedRecords: z.number().int().nonnegative(),
    deletedAt: z.number().int().nonnegative(),
  })
  .strict();
export type DeletionConfirmation = z.output<typeof deletionConfirmationSchema>;

export const signedDeletionConfirmationSchema = z
  .object({ confirmation: deletionConfirmationSchema, signature })
  .strict();
export type SignedDeletionConfirmation = z.output<typeof signedDeletionConfirmationSchema>;

/**
 * keccak256 of the confirmation's canonical JSON: what the merchant signs (EIP-191).
 * @since 0.2.0
 */
export function deletionConfirmationDigest(confirmation: DeletionConfirmation): string {
  return canonicalDigest(confirmation);
}

/**
 * Checks a deletion confirmation: schema, the merchant's signature, and (given the message) that it
 * answers this very revocation. Throws SignatureInvalidError or InvalidInputError.
 * @example verifyDeletionConfirmation({ confirmation, merchant: request.merchant.address, revocation: body.message });
 * @since 0.2.0
 */
export function verifyDeletionConfirmation(params: {
  confirmation: unknown;
  merchant: string;
  revocation?: RevocationMessage;
}): SignedDeletionConfirmation {
  const signed = parseWith(signedDeletionConfirmationSchema, params.confirmation, 'confirmation');
  const signer = recoverSigner({
    digest: deletionConfirmationDigest(signed.confirmation),
    signature: signed.signature,
    field: 'confirmation.signature',
    what: 'deletion confirmation',
  });
  const merchant = getAddress(params.merchant);
  if (signer !== merchant || signed.confirmation.merchant !== merchant) {
    throw new SignatureInvalidError('The deletion confirmation was not signed by this merchant.', {
      field: 'confirmation.signature',
      details: [`Signed by ${signer}`, `Merchant ${merchant}`],
    });
  }
  const message = params.revocation;
  if (
    message &&
    (signed.confirmation.revocationHash !== revocationHash(message).toString() ||
      signed.confirmation.pseudonym !== message.pseudonym ||
      signed.confirmation.proofHash !== message.proofHash ||
      signed.confirmation.requestId !== message.requestId)
  ) {
    throw new SignatureInvalidError('The deletion confirmation answers another revocation.', {
      field: 'confirmation.confirmation.revocationHash',
    });
  }
  return signed;
}
