// An issuer-signed attribute credential, shaped like a W3C Verifiable Credential 2.0 so other
// tools can read it, with the fields the circuit needs under `decdp`.
import { z } from 'zod';
import { poseidonHash } from '../zk/poseidon.ts';
import { decimal } from './fields.ts';
import { parseWith } from './parse.ts';

/**
 * Where the wallet got a credential from an issuer service (docs/issuer.md), kept beside the signed
 * fields as a VC 2.0 `evidence` entry: the wallet's own note in plain words, not signed.
 */
export const issuanceEvidenceSchema = z
  .object({
    type: z.literal('DecdpIssuance'),
    issuerUrl: z.string().url(),
    issuerName: z.string().min(1).max(100),
    source: z.string().min(1).max(40),
    sourceName: z.string().min(1).max(100),
    selfAsserted: z.boolean(),
    issuedAt: z.number().int().positive(),
    expiresAt: z.number().int().positive(),
    /**
     * How the wallet renews without the person (docs/issuer.md § Renewal): a grant sealed by the
     * issuer, usable only with a fresh proof of possession for this commitment, until `until`.
     */
    renewal: z
      .object({ grant: z.string().regex(/^[A-Za-z0-9_-]{32,2000}$/), until: z.number().int().positive() })
      .strict()
      .optional(),
  })
  .strict();
export type IssuanceEvidence = z.output<typeof issuanceEvidenceSchema>;

export const credentialSchema = z.object({
  '@context': z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
  id: z.string().min(1).max(200),
  type: z
    .array(z.string())
    .refine((types) => types.includes('VerifiableCredential'), 'must include VerifiableCredential'),
  issuer: z.object({
    id: z.string().min(1),
    name: z.string().min(1).max(100),
    publicKey: z.object({ x: decimal, y: decimal }).strict(),
    /** Poseidon(x, y): the circuit's issuerKeyHash. */
    keyHash: decimal,
  }),
  validFrom: z.string(),
  validUntil: z.string(),
  credentialSubject: z.object({
    /** Poseidon(holderSecret): who the credential is for, without saying who. */
    commitment: decimal,
    attribute: z.string().min(1).max(64),
    /** The value as people read it (the wallet shows it; it never leaves the pod). */
    value: z.union([z.number(), z.string(), z.boolean()]),
  }),
  decdp: z
    .object({
      attributeCode: z.number().int().positive(),
      encodedValue: decimal,
      issuedAt: z.number().int().nonnegative(),
      expiresAt: z.number().int().positive(),
      nonce: decimal,
      selfDeclared: z.boolean(),
    })
    .strict(),
  proof: z
    .object({
      type: z.literal('DecdpEddsaPoseidon'),
      signature: z.object({ R8x: decimal, R8y: decimal, S: decimal }).strict(),
    })
    .strict(),
  evidence: z.array(issuanceEvidenceSchema).max(1).optional(),
});

export type AttributeCredential = z.output<typeof credentialSchema>;

export function parseCredential(input: unknown): AttributeCredential {
  return parseWith(credentialSchema, input, 'credential');
}

/** The message the issuer signs: Poseidon(commitment, attributeId, value, issuedAt, expiresAt, nonce). */
export function credentialMessage(fields: {
  commitment: bigint;
  attributeCode: bigint;
  encodedValue: bigint;
  issuedAt: bigint;
  expiresAt: bigint;
  nonce: bigint;
}): Promise<bigint> {
  return poseidonHash([
    fields.commitment,
    fields.attributeCode,
    fields.encodedValue,
    fields.issuedAt,
    fields.expiresAt,
    fields.nonce,
  ]);
}

export function credentialMessageOf(credential: AttributeCredential): Promise<bigint> {
  return credentialMessage({
    commitment: BigInt(credential.credentialSubject.commitment),
    attributeCode: BigInt(credential.decdp.attributeCode),
    encodedValue: BigInt(credential.decdp.encodedValue),
    issuedAt: BigInt(credential.decdp.issuedAt),
    expiresAt: BigInt(credential.decdp.expiresAt),
    nonce: BigInt(credential.decdp.nonce),
  });
}
