// Self-declared attributes ("I like cycling"): signed by one issuer key that is public on
// purpose. Anyone can sign anything with it — that is what self-declared means — and because every
// wallet uses the same key, its issuerKeyHash says "self-declared" and nothing about who. A
// merchant accepts such credentials only by listing SELF_DECLARED_KEY_HASH among its trusted
// issuers (sensible for interests, never for age).
import { createIssuerKey, type IssuerKey } from '../proof/createIssuerKey.ts';
import { issueCredential } from '../proof/issueCredential.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import type { RawValue } from '../protocol/vocabulary.ts';
import { subjectCommitment } from './holderSecret.ts';

/** Public by design (see above): keccak256("decdp:self-declared:v1"). */
export const SELF_DECLARED_PRIVATE_KEY = '0x6544b43f5023914a5a64ce868e4a84c406ebb0066a41520afb0269b39ea72e28';

let issuer: Promise<IssuerKey & { name: string }> | undefined;

/**
 * The shared self-declared issuer (name "Self-declared").
 * @since 0.2.0
 */
export function selfDeclaredIssuer(): Promise<IssuerKey & { name: string }> {
  issuer ??= createIssuerKey({ privateKey: SELF_DECLARED_PRIVATE_KEY }).then((key) => ({
    ...key,
    name: 'Self-declared',
  }));
  return issuer;
}

/** @since 0.2.0 */
export async function declareAttribute(params: {
  holderSecret: bigint;
  attribute: string;
  value: RawValue;
  /** Unix seconds; default now. */
  now?: number;
  /** Default one year. */
  validForSeconds?: number;
}): Promise<AttributeCredential> {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  return issueCredential({
    issuer: await selfDeclaredIssuer(),
    subjectCommitment: await subjectCommitment(params.holderSecret),
    attribute: params.attribute,
    value: params.value,
    issuedAt: now,
    expiresAt: now + (params.validForSeconds ?? 365 * 86_400),
    selfDeclared: true,
  });
}
