// The person's side of a revocation: prove the pseudonym (one credential-circuit proof bound to a
// revocation message), send it to the merchant, check the signed deletion confirmation.
// docs/interfaces.md § Revocation.
import { getAddress, hexlify, randomBytes } from 'ethers';
import { DecdpError, InvalidInputError, isDecdpErrorCode } from '../errors/index.ts';
import { provePredicate } from '../proof/provePredicate.ts';
import type { ConsentReceipt } from '../protocol/consentReceipt.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import { CIRCUIT_VERSION, pseudonymOf } from '../protocol/publicSignals.ts';
import { merchantServiceOf, type SignedRequest } from '../protocol/request.ts';
import {
  type RevocationBody,
  type RevocationMessage,
  revocationHash,
  type SignedDeletionConfirmation,
  verifyDeletionConfirmation,
} from '../protocol/revocation.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';

export type BuildRevocationParameters = {
  /** The consent receipt in the pod: which answer to withdraw. */
  receipt: ConsentReceipt;
  /** The original request (its scope names the pseudonym's merchant). */
  signedRequest: SignedRequest;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  artifacts: ProvingArtifacts;
  /** Unix seconds; default now. */
  now?: number;
};

/**
 * Builds and proves a revocation for one consent receipt (one proof: 0.6 s in Node, 1–2 s in a
 * browser). The proof shows `exists` on the attribute of the request's first predicate — the
 * merchant already knows the person holds it — bound to this message and this merchant's scope.
 * @example const body = await buildRevocation({ receipt, signedRequest, credentials, holderSecret, artifacts });
 * @since 0.2.0
 */
export async function buildRevocation(params: BuildRevocationParameters): Promise<RevocationBody> {
  const { receipt, signedRequest, holderSecret } = params;
  const request = signedRequest.request;
  if (receipt.requestId !== request.id) {
    throw new InvalidInputError('The receipt is for another request.', { field: 'receipt.requestId' });
  }
  // A receipt from before circuit v3 names a pseudonym without the domain tag: no proof made now
  // can show it, so say so instead of sending a revocation the merchant must refuse.
  const pseudonym = await pseudonymOf({ holderSecret, merchantScope: BigInt(request.scope) });
  if (receipt.pseudonym !== pseudonym.toString()) {
    throw new InvalidInputError(
      `The receipt's pseudonym is not this wallet's pseudonym at this merchant under circuit v${CIRCUIT_VERSION}.`,
      {
        field: 'receipt.pseudonym',
        hint: 'Receipts from before circuit v3 (or from another wallet) cannot be revoked by proof; the merchant deletes the record at the end of its retention period.',
      },
    );
  }
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const message: RevocationMessage = {
    version: 1,
    type: 'decdp.revocation',
    merchant: getAddress(request.merchant.address),
    requestId: request.id,
    proofHash: receipt.proofHash,
    pseudonym: receipt.pseudonym,
    issuedAt: now,
    nonce: hexlify(randomBytes(16)),
  };
  const hash = revocationHash(message);
  // Any attribute the request asked for; the first one whose credential is still valid.
  let lastError: unknown;
  for (const [index, requested] of request.predicates.entries()) {
    const field = `request.predicates[${index}]`;
    const predicate = await resolvePredicate({ attribute: requested.attribute, op: 'exists' }, field);
    const credential = params.credentials.find(
      (candidate) =>
        candidate.decdp.attributeCode === predicate.attribute.code &&
        candidate.decdp.issuedAt <= now &&
        now < candidate.decdp.expiresAt,
    );
    if (!credential) continue;
    try {
      const { issuerKeyHash, proof, publicSignals } = await provePredicate({
        credential,
        holderSecret,
        predicate,
        context: { now, merchantScope: BigInt(request.scope), nullifierScope: hash, recipient: 0n, requestHash: hash },
        artifacts: params.artifacts,
        field,
      });
      return {
        message,
        proof: { attribute: requested.attribute, issuerKeyHash: issuerKeyHash.toString(), proof, publicSignals },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw new InvalidInputError('No valid credential left to prove the pseudonym with.', {
    field: 'credentials',
    hint: 'The proof needs one valid credential for an attribute the request asked for.',
    ...(lastError ? { cause: lastError } : {}),
  });
}

/**
 * Where a merchant takes revocations: its request endpoint's `requests` segment → `revocations`.
 * @since 0.2.0
 */
export function revocationEndpointOf(signedRequest: SignedRequest): string {
  return new URL('revocations', merchantServiceOf(signedRequest)).toString();
}

/**
 * buildRevocation, POST it to the merchant, and check the signed deletion confirmation. Throws the
 * merchant's DecdpError code (from its JSON error) or SignatureInvalidError.
 * @example
 * const { confirmation } = await revokeConsent({ receipt, signedRequest, credentials, holderSecret, artifacts });
 * // then mark the receipt: { ...receipt, status: 'revoked', revokedAt: new Date(confirmation.deletedAt * 1000).toISOString() }
 * @since 0.2.0
 */
export async function revokeConsent(
  params: BuildRevocationParameters & { fetch?: typeof fetch; endpoint?: string },
): Promise<SignedDeletionConfirmation> {
  const body = await buildRevocation(params);
  const endpoint = params.endpoint ?? revocationEndpointOf(params.signedRequest);
  const response = await (params.fetch ?? globalThis.fetch)(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string } } | null)?.error;
    throw new DecdpError(
      isDecdpErrorCode(error?.code) ? error.code : 'REVOCATION_FAILED',
      error?.message ?? `The merchant answered ${response.status}.`,
      {
        details: [`POST ${endpoint} → ${response.status}`],
      },
    );
  }
  return verifyDeletionConfirmation({
    confirmation: answer,
    merchant: params.signedRequest.request.merchant.address,
    revocation: body.message,
  });
}
