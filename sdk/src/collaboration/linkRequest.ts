// A joint campaign's link request: two (up to four) merchants ask one person to prove that their
// pseudonyms at each of them come from the same holder secret. Every merchant signs the same
// canonical request (EIP-191), so no merchant can enrol another one, and the wallet shows who
// asks, why and for how long before it proves anything.
import { getBytes, hexlify, keccak256, randomBytes, type Signer, toUtf8Bytes } from 'ethers';
import { z } from 'zod';
import { RequestExpiredError, SignatureInvalidError } from '../errors/index.ts';
import { canonicalDigest } from '../protocol/canonicalJson.ts';
import { address, decimal, idPart, nonce, signature } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import { recoverSigner } from '../protocol/recoverSigner.ts';
import { hashToField } from '../zk/field.ts';

/**
 * The joint campaign's nullifier scope: keccak256("decdp:link-campaign:v1|<collaborationId>|<campaignId>") >> 8.
 * Derived, never chosen: a chosen scope could be another merchant's scope (its address), which
 * would make the nullifier that merchant's pseudonym.
 */
export function linkCampaignScope(params: { collaborationId: string; campaignId: string }): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:link-campaign:v1|${params.collaborationId}|${params.campaignId}`)));
}

export const linkRequestSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.link-request'),
    id: idPart,
    collaborationId: idPart,
    campaign: z
      .object({
        id: idPart,
        name: z.string().min(1).max(100),
        /** linkCampaignScope(collaborationId, id): the nullifier scope, one link per person. */
        scope: decimal,
      })
      .strict(),
    merchants: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            address,
            /** The merchant's pseudonym scope: its address as a number (what createRequest uses). */
            scope: decimal,
            /** Where the wallet sends the link bundle and, later, a revocation. */
            linkEndpoint: z.url().max(500),
            /**
             * The attribute proven with `exists` to carry the proof: one this merchant already knows
             * the person holds (any issuer, self-declared too), so the proof reveals nothing new.
             */
            attribute: z.string().min(1).max(64),
          })
          .strict(),
      )
      .min(2)
      .max(4),
    purpose: z.object({ code: z.string().min(1).max(40), text: z.string().min(1).max(500) }).strict(),
    retentionDays: z.number().int().min(1).max(3650),
    /** The legacy-matching invitation this request answers, if any (matchBlindedLists). */
    invitationToken: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be 16 bytes as hex')
      .optional(),
    issuedAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().positive(),
    nonce,
  })
  .strict()
  .superRefine((request, context) => {
    if (request.expiresAt <= request.issuedAt) {
      context.addIssue({ code: 'custom', message: 'must be after issuedAt', path: ['expiresAt'] });
    }
    const expectedScope = linkCampaignScope({
      collaborationId: request.collaborationId,
      campaignId: request.campaign.id,
    });
    if (request.campaign.scope !== expectedScope.toString()) {
      context.addIssue({
        code: 'custom',
        message: 'must be linkCampaignScope(collaborationId, campaign.id)',
        path: ['campaign', 'scope'],
      });
    }
    const seen = new Set<string>();
    request.merchants.forEach((merchant, index) => {
      if (merchant.scope !== BigInt(merchant.address).toString()) {
        // Otherwise a merchant could ask for the pseudonym the person has at a third merchant.
        context.addIssue({
          code: 'custom',
          message: 'must be the merchant address as a number',
          path: ['merchants', index, 'scope'],
        });
      }
      if (seen.has(merchant.address)) {
        context.addIssue({ code: 'custom', message: 'names a merchant twice', path: ['merchants', index, 'address'] });
      }
      seen.add(merchant.address);
    });
  });

export type LinkRequest = z.output<typeof linkRequestSchema>;

export const signedLinkRequestSchema = z
  .object({
    request: linkRequestSchema,
    /** One EIP-191 signature over linkRequestDigest per merchant, in the order of `merchants`. */
    signatures: z.array(signature).min(2).max(4),
  })
  .strict();

export type SignedLinkRequest = z.output<typeof signedLinkRequestSchema>;

export function parseSignedLinkRequest(input: unknown): SignedLinkRequest {
  return parseWith(signedLinkRequestSchema, input, 'signedLinkRequest');
}

/** keccak256 of the request's RFC 8785 canonical JSON: what every merchant signs. */
export function linkRequestDigest(request: LinkRequest): string {
  return canonicalDigest(request);
}

/** The digest as a field element: every link proof's `requestHash` (inside contextHash). */
export function linkRequestHash(request: LinkRequest): bigint {
  return hashToField(linkRequestDigest(request));
}

export type CreateLinkRequestParameters = {
  collaborationId: string;
  campaign: { id: string; name: string };
  merchants: { name: string; address: string; linkEndpoint: string; attribute: string }[];
  purpose: { code: string; text: string };
  retentionDays: number;
  invitationToken?: string;
  /** Unix seconds; default now. */
  now?: number;
  /** Default 7 days. */
  ttlSeconds?: number;
  id?: string;
};

/** Builds (and checks) the unsigned request; each merchant then signs it with signLinkRequest. */
export function createLinkRequest(params: CreateLinkRequestParameters): LinkRequest {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  return parseWith(
    linkRequestSchema,
    {
      version: 1,
      type: 'decdp.link-request',
      id: params.id ?? hexlify(randomBytes(12)).slice(2),
      collaborationId: params.collaborationId,
      campaign: {
        ...params.campaign,
        scope: linkCampaignScope({
          collaborationId: params.collaborationId,
          campaignId: params.campaign.id,
        }).toString(),
      },
      merchants: params.merchants.map((merchant) => ({
        ...merchant,
        scope: /^0x[0-9a-fA-F]{40}$/.test(merchant.address) ? BigInt(merchant.address).toString() : '',
      })),
      purpose: params.purpose,
      retentionDays: params.retentionDays,
      ...(params.invitationToken === undefined ? {} : { invitationToken: params.invitationToken }),
      issuedAt: now,
      expiresAt: now + (params.ttlSeconds ?? 7 * 86_400),
      nonce: hexlify(randomBytes(16)),
    },
    'linkRequest',
  );
}

/** One merchant's EIP-191 signature over the request digest. */
export async function signLinkRequest(params: { request: LinkRequest; signer: Signer }): Promise<string> {
  return params.signer.signMessage(getBytes(linkRequestDigest(params.request)));
}

/** Every merchant named signed this exact request; throws SignatureInvalidError naming the first that did not. */
export function assertLinkRequestSignatures(signed: SignedLinkRequest): void {
  const digest = linkRequestDigest(signed.request);
  if (signed.signatures.length !== signed.request.merchants.length) {
    throw new SignatureInvalidError('A link request needs one signature per merchant.', { field: 'signatures' });
  }
  signed.request.merchants.forEach((merchant, index) => {
    const field = `signatures[${index}]`;
    const signer = recoverSigner({ digest, signature: signed.signatures[index] ?? '', field, what: 'link request' });
    if (signer !== merchant.address) {
      throw new SignatureInvalidError(`The link request was not signed by ${merchant.name}.`, {
        field,
        details: [`Signed by ${signer}`, `Merchant ${merchant.address}`],
      });
    }
  });
}

export function assertLinkRequestFresh(request: LinkRequest, now: number): void {
  if (now >= request.expiresAt) {
    throw new RequestExpiredError(`Link request ${request.id} expired.`, {
      field: 'request.expiresAt',
      hint: 'Ask the merchants for a new link request.',
    });
  }
}
