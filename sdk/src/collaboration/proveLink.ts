// The wallet's side of consented linking: one proof per merchant of a link request, no new circuit.
import { getAddress } from 'ethers';
import { proveFromCredentials } from '../proof/proveFromCredentials.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import { pseudonymOf } from '../protocol/publicSignals.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';
import type { LinkBundle } from './linkBundle.ts';
import {
  assertLinkRequestFresh,
  assertLinkRequestSignatures,
  linkRequestHash,
  parseSignedLinkRequest,
  type SignedLinkRequest,
} from './linkRequest.ts';

export type ProveLinkParameters = {
  /** Checked here: schema, every merchant's signature, expiry. */
  signedLinkRequest: SignedLinkRequest | unknown;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  /** Bound in every proof; default the zero address (no reward). */
  recipient?: string;
  artifacts: ProvingArtifacts;
  /** Unix seconds; default now. */
  now?: number;
};

/**
 * Proves, for each merchant of the request, `exists` on the attribute it names with
 * merchantScope = that merchant's scope, nullifierScope = the campaign scope and requestHash =
 * the link request hash. Call it only after the person said yes; then write linkConsentReceipts.
 * @example const bundle = await proveLink({ signedLinkRequest, credentials, holderSecret, artifacts });
 */
export async function proveLink(params: ProveLinkParameters): Promise<LinkBundle> {
  const signed = parseSignedLinkRequest(params.signedLinkRequest);
  const request = signed.request;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  assertLinkRequestSignatures(signed);
  assertLinkRequestFresh(request, now);
  const recipient = getAddress(params.recipient ?? `0x${'0'.repeat(40)}`);
  const hash = linkRequestHash(request);
  const nullifierScope = BigInt(request.campaign.scope);
  const proofs: LinkBundle['proofs'] = [];
  for (const [merchantIndex, merchant] of request.merchants.entries()) {
    const field = `request.merchants[${merchantIndex}]`;
    const merchantScope = BigInt(merchant.scope);
    const predicate = await resolvePredicate({ attribute: merchant.attribute, op: 'exists' }, `${field}.attribute`);
    const context = { now, merchantScope, nullifierScope, recipient: BigInt(recipient), requestHash: hash };
    const { issuerKeyHash, proof, publicSignals } = await proveFromCredentials({
      credentials: params.credentials,
      holderSecret: params.holderSecret,
      predicate,
      context,
      artifacts: params.artifacts,
      field,
      pickField: `${field}.attribute`,
    });
    const pseudonym = await pseudonymOf({ holderSecret: params.holderSecret, merchantScope });
    proofs.push({
      merchantIndex,
      pseudonym: pseudonym.toString(),
      issuerKeyHash: issuerKeyHash.toString(),
      proof,
      publicSignals,
    });
  }
  return {
    version: 1,
    type: 'decdp.link-bundle',
    linkRequestId: request.id,
    linkRequestHash: hash.toString(),
    recipient,
    proofs,
  };
}
