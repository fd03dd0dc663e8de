// The attribute request a merchant sends: schema, canonical hash, signature.
import { z } from 'zod';
import { RequestExpiredError, SignatureInvalidError } from '../errors/index.ts';
import { hashToField } from '../zk/field.ts';
import { canonicalDigest } from './canonicalJson.ts';
import { address, decimal, idPart, nonce, signature } from './fields.ts';
import { OPERATORS } from './operators.ts';
import { parseWith } from './parse.ts';
import { recoverSigner } from './recoverSigner.ts';

const rawValue = z.union([z.number().int().nonnegative(), z.string().min(1).max(200), z.boolean()]);

export const predicateSchema = z
  .object({
    attribute: z.string().min(1).max(64),
    op: z.enum(OPERATORS as [string, ...string[]]),
    value: rawValue.optional(),
    values: z.array(rawValue).min(1).max(10).optional(),
    range: z.tuple([rawValue, rawValue]).optional(),
    /** Issuer key hashes (decimal) the merchant accepts for this attribute; absent = any it trusts. */
    issuers: z.array(decimal).max(20).optional(),
  })
  .strict();

export const requestSchema = z
  .object({
    version: z.literal(1),
    id: idPart,
    merchant: z.object({ name: z.string().min(1).max(100), address, requestEndpoint: z.url().max(500) }).strict(),
    /** Pseudonym domain (decimal field element): the merchant's address as a number, always. */
    scope: decimal,
    predicates: z.array(predicateSchema).min(1).max(8),
    purpose: z.object({ code: z.string().min(1).max(40), text: z.string().min(1).max(500) }).strict(),
    retentionDays: z.number().int().min(1).max(3650),
    reward: z
      .object({
        chainId: z.number().int().positive(),
        pool: address,
        campaignId: decimal,
        /** The campaign's nullifier scope on-chain. */
        scope: decimal,
        token: address,
        amount: decimal,
      })
      .strict()
      .optional(),
    issuedAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().positive(),
    nonce,
  })
  .strict()
  .refine((request) => request.expiresAt > request.issuedAt, {
    message: 'must be after issuedAt',
    path: ['expiresAt'],
  })
  // The signature names the merchant; a free scope would let one merchant ask for the pseudonym the
  // person has at another (or under a mask's admission scope) and link the two.
  .refine((request) => request.scope === BigInt(request.merchant.address).toString(), {
    message: 'must be the merchant address as a number',
    path: ['scope'],
  });

export type AttributeRequest = z.output<typeof requestSchema>;
export type RequestPredicate = z.output<typeof predicateSchema>;

export const signedRequestSchema = z.object({ request: requestSchema, signature }).strict();
export type SignedRequest = z.output<typeof signedRequestSchema>;

export function parseSignedRequest(input: unknown): SignedRequest {
  return parseWith(signedRequestSchema, input, 'signedRequest');
}

/** keccak256 of the request's RFC 8785 canonical JSON: what the merchant signs. */
export function requestDigest(request: AttributeRequest): string {
  return canonicalDigest(request);
}

/** The request digest as a field element: the circuit's `requestHash` public input. */
export function requestHash(request: AttributeRequest): bigint {
  return hashToField(requestDigest(request));
}

/** Checks the merchant's EIP-191 signature over the digest; throws SignatureInvalidError. */
export function assertRequestSignature(signed: SignedRequest): void {
  const signer = recoverSigner({
    digest: requestDigest(signed.request),
    signature: signed.signature,
    field: 'signature',
    what: 'request',
  });
  if (signer !== signed.request.merchant.address) {
    throw new SignatureInvalidError('The request was not signed by the merchant it names.', {
      field: 'signature',
      details: [`Signed by ${signer}`, `Merchant ${signed.request.merchant.address}`],
      hint: 'The request may have been altered after signing; ask the merchant for a fresh one.',
    });
  }
}

export function assertRequestFresh(request: AttributeRequest, nowSeconds: number): void {
  if (nowSeconds >= request.expiresAt) {
    throw new RequestExpiredError(
      `Request ${request.id} expired at ${new Date(request.expiresAt * 1000).toISOString()}.`,
      {
        field: 'request.expiresAt',
        hint: 'Ask the merchant for a new request.',
      },
    );
  }
}

/** The nullifier scope of a request: the campaign's scope when it pays, else the request hash. */
export function nullifierScopeOf(request: AttributeRequest): bigint {
  return request.reward ? BigInt(request.reward.scope) : requestHash(request);
}

/**
 * The merchant service a request came from: its `requestEndpoint` without the trailing `requests`
 * (answers, claims and revocations go there, never to a configured service).
 * @example merchantServiceOf(signed) // "https://shop.example/"
 */
export function merchantServiceOf(signed: SignedRequest): string {
  return new URL(signed.request.merchant.requestEndpoint.replace(/requests\/?$/, '')).href;
}
