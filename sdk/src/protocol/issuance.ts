// The issuance protocol between a wallet and an issuer service (docs/issuer.md): the wire shapes
// both sides parse, and the proof of possession that stops anyone from getting credentials issued
// to a subject commitment whose holder secret they do not know.
//
// Proof of possession, with the credential circuit as it is (no second circuit): the issuer signs a
// one-time *challenge credential* for the claimed commitment C, with its session challenge key,
// attribute POSSESSION_ATTRIBUTE and value Poseidon(tag, C, sessionNonce). The holder proves
// "eq value" over it with the session nonce as request hash. The circuit checks that the
// credential was signed for Poseidon(holderSecret), so a valid proof means: the prover knows the
// secret of the subject the issuer signed this challenge for, and the value ties that subject to
// C and to this session. Someone holding only C (or a challenge for their own commitment) cannot
// make it. The challenge key signs nothing else, and its attribute code is outside the vocabulary,
// so a challenge can never answer a merchant's predicate.
import { z } from 'zod';
import { poseidonHash } from '../zk/poseidon.ts';
import { credentialSchema, issuanceEvidenceSchema } from './credential.ts';
import { circuitProofFields, decimal } from './fields.ts';
import { OPERATOR_CODES, SET_SIZE } from './operators.ts';
import type { ResolvedPredicate } from './predicate.ts';
import type { AttributeDefinition } from './vocabulary.ts';

/** Not a vocabulary attribute: codes from 2^32 on are reserved for the protocol's own credentials. */
export const POSSESSION_ATTRIBUTE: AttributeDefinition = {
  id: 'holderPossession',
  code: 4_294_967_297,
  type: 'integer',
  label: 'proof of possession (issuance only)',
};

/** Domain tag of the challenge value: the bytes of "decdp:pop:v1" as a number. */
const POSSESSION_TAG = 0x64656364703a706f703a7631n;

/** The value the challenge credential carries and the proof shows equal. */
export function possessionChallengeValue(params: { subjectCommitment: bigint; sessionNonce: bigint }): Promise<bigint> {
  return poseidonHash([POSSESSION_TAG, params.subjectCommitment, params.sessionNonce]);
}

/** The predicate the holder proves over the challenge credential: value eq the challenge value. */
export async function possessionPredicate(challengeValue: bigint): Promise<ResolvedPredicate> {
  const set = new Array<bigint>(SET_SIZE).fill(0n);
  return {
    attribute: POSSESSION_ATTRIBUTE,
    op: 'eq',
    operatorCode: BigInt(OPERATOR_CODES.eq),
    operandA: challengeValue,
    operandB: 0n,
    set,
    setHash: await poseidonHash(set),
    issuers: [],
  };
}

/** What the proof is bound to: the issuer's scope for the pseudonym, the session nonce for the rest. */
export const possessionContextSchema = z
  .object({
    merchantScope: decimal,
    nullifierScope: decimal,
    requestHash: decimal,
    /** Always 0: nothing is paid. */
    recipient: z.literal('0'),
  })
  .strict();

/** GET /issuer: who the issuer is and which sources it reads. */
export const issuerDescriptorSchema = z
  .object({
    name: z.string().min(1).max(100),
    url: z.string().url(),
    sources: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
            name: z.string().min(1).max(100),
            /** Plain words: where the attributes come from. */
            description: z.string().min(1).max(300),
            /** True when the person's own statement is the source (the pod profile). */
            selfAsserted: z.boolean(),
            attributes: z.array(z.string().min(1).max(64)).max(20),
            issuer: z.object({ name: z.string().min(1).max(100), keyHash: decimal }).strict(),
            validForSeconds: z.number().int().positive(),
          })
          .strict(),
      )
      .max(20),
  })
  .strict();
export type IssuerDescriptor = z.output<typeof issuerDescriptorSchema>;

/** What the person must do at the source to sign in there. */
export const authenticationStartSchema = z.discriminatedUnion('kind', [
  /** Sign an EIP-4361 message with the Ethereum account (the wallet fills in the address). */
  z
    .object({
      kind: z.literal('siwe'),
      domain: z.string().min(1).max(200),
      uri: z.string().url(),
      nonce: z.string().regex(/^[A-Za-z0-9]{8,64}$/),
      chainId: z.number().int().positive(),
      statement: z.string().max(300),
      issuedAt: z.string(),
      expirationTime: z.string(),
    })
    .strict(),
  /** Open this page (the source's own sign-in and consent); it comes back to the issuer. */
  z.object({ kind: z.literal('redirect'), url: z.string().url() }).strict(),
  /** Nothing to do: a renewal grant signed the person in (the source was asked again). */
  z.object({ kind: z.literal('renewal') }).strict(),
  /** Send these fields (e.g. a loyalty account's email and password, a WebID). */
  z
    .object({
      kind: z.literal('form'),
      fields: z.array(z.object({ name: z.string(), label: z.string(), secret: z.boolean() }).strict()).max(5),
    })
    .strict(),
]);
export type AuthenticationStart = z.output<typeof authenticationStartSchema>;

/**
 * POST /possessions: a one-time challenge for a subject commitment, proved (POST /possessions/:id)
 * before or while a session runs; one session may use it (POST /sessions names it), and the
 * issuer signs only when it is proven. Apart from sessions so a wallet can prove ahead of time.
 */
export const requestPossessionBodySchema = z.object({ subjectCommitment: decimal }).strict();

export const possessionChallengeSchema = z
  .object({
    possessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    expiresAt: z.number().int().positive(),
    challenge: credentialSchema,
    context: possessionContextSchema,
  })
  .strict();
export type PossessionChallenge = z.output<typeof possessionChallengeSchema>;

/**
 * A sealed renewal grant (docs/issuer.md § Renewal): only the issuer that wrote it can read it; it
 * says which source and sign-in it stands for, for which commitment, until when.
 */
const renewalGrant = z.string().regex(/^[A-Za-z0-9_-]{32,2000}$/, 'must be a renewal grant');

export const startSessionBodySchema = z
  .object({
    source: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a source id'),
    /** A possession challenge of this issuer, not used by another session; its commitment is the subject. */
    possessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a possession id'),
    /** Where a redirect flow returns the browser; must be an http(s) URL. */
    returnUrl: z.string().url().max(2000).optional(),
    /** Renew without signing in again: the grant an earlier issuance gave (the source is asked again). */
    renewal: renewalGrant.optional(),
  })
  .strict();
export type StartSessionBody = z.output<typeof startSessionBodySchema>;

export const sessionStartedSchema = z
  .object({
    sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    expiresAt: z.number().int().positive(),
    authentication: authenticationStartSchema,
  })
  .strict();
export type SessionStarted = z.output<typeof sessionStartedSchema>;

/** POST /possessions/:id. */
export const possessionBodySchema = z
  .object({
    pseudonym: decimal,
    ...circuitProofFields,
  })
  .strict();
export type PossessionBody = z.output<typeof possessionBodySchema>;

/** One attribute the issuer would sign, shown before the person accepts. */
export const previewAttributeSchema = z
  .object({
    attribute: z.string().min(1).max(64),
    value: z.union([z.number(), z.string(), z.boolean()]),
    /** Plain words: "age 25–34", "holds the token 0x…". */
    description: z.string().min(1).max(200),
  })
  .strict();
export type PreviewAttribute = z.output<typeof previewAttributeSchema>;

export const issuancePreviewSchema = z
  .object({
    issuer: z.object({ name: z.string(), keyHash: decimal }).strict(),
    source: z.object({ id: z.string(), name: z.string(), selfAsserted: z.boolean() }).strict(),
    attributes: z.array(previewAttributeSchema).max(20),
    issuedAt: z.number().int().positive(),
    expiresAt: z.number().int().positive(),
  })
  .strict();
export type IssuancePreview = z.output<typeof issuancePreviewSchema>;

/** Where issued credentials came from: the wallet stores it as each credential's `evidence`. */
export const provenanceSchema = issuanceEvidenceSchema.omit({ type: true });
export type Provenance = z.output<typeof provenanceSchema>;

export const issuedCredentialsSchema = z
  .object({ credentials: z.array(credentialSchema).min(1).max(20), provenance: provenanceSchema })
  .strict();
export type IssuedCredentials = z.output<typeof issuedCredentialsSchema>;
