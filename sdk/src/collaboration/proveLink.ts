// The wallet's side of consented linking: one proof per merchant of a link request, no new circuit.
import { getAddress } from 'ethers';
import { ProofMismatchError } from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import {
  contextHashOf,
  PUBLIC_SIGNAL_COUNT,
  packRecipientAndTime,
  pseudonymOf,
  SIGNAL_INDEX,
  statementHashOf,
  statementOf,
} from '../protocol/publicSignals.ts';
import { buildPredicateWitness } from '../wallet/buildPredicateWitness.ts';
import { pickCredential } from '../wallet/proveRequest.ts';
import { type ProvingArtifacts, proveGroth16 } from '../zk/groth16.ts';
import { poseidonHash } from '../zk/poseidon.ts';
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
  const recipientAndTime = packRecipientAndTime({ recipient: BigInt(recipient), now });
  const proofs: LinkBundle['proofs'] = [];
  for (const [merchantIndex, merchant] of request.merchants.entries()) {
    const field = `request.merchants[${merchantIndex}]`;
    const merchantScope = BigInt(merchant.scope);
    const predicate = await resolvePredicate({ attribute: merchant.attribute, op: 'exists' }, `${field}.attribute`);
    const credential = pickCredential(params.credentials, predicate, now, `${field}.attribute`);
    const context = { now, merchantScope, nullifierScope, recipient: BigInt(recipient), requestHash: hash };
    const input = buildPredicateWitness({ credential, holderSecret: params.holderSecret, predicate, context, field });
    const { proof, publicSignals } = await proveGroth16(input, params.artifacts);
    const issuerKeyHash = await poseidonHash([
      BigInt(credential.issuer.publicKey.x),
      BigInt(credential.issuer.publicKey.y),
    ]);
    const pseudonym = await pseudonymOf({ holderSecret: params.holderSecret, merchantScope });
    const expected = {
      statementHash: await statementHashOf(statementOf(predicate, { issuerKeyHash, merchantScope, nullifierScope })),
      contextHash: await contextHashOf({ pseudonym, requestHash: hash }),
    };
    if (
      publicSignals.length !== PUBLIC_SIGNAL_COUNT ||
      publicSignals[SIGNAL_INDEX.statementHash] !== expected.statementHash.toString() ||
      publicSignals[SIGNAL_INDEX.contextHash] !== expected.contextHash.toString() ||
      publicSignals[SIGNAL_INDEX.recipientAndTime] !== recipientAndTime.toString()
    ) {
      throw new ProofMismatchError('The proving artifacts do not produce this protocol’s public signals.', {
        field,
        hint: 'The circuit artifacts are for another circuit version; reload them (npm run build:circuits).',
      });
    }
    proofs.push({
      merchantIndex,
      pseudonym: pseudonym.toString(),
      issuerKeyHash: issuerKeyHash.toString(),
      proof: { pi_a: proof.pi_a, pi_b: proof.pi_b, pi_c: proof.pi_c, protocol: 'groth16', curve: 'bn128' },
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
