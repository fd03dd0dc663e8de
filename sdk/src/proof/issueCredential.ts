import { getBytes, hexlify, randomBytes } from 'ethers';
import { CredentialExpiredError, InvalidInputError } from '../errors/index.ts';
import { type AttributeCredential, credentialMessage } from '../protocol/credential.ts';
import { type AttributeDefinition, encodeValue, getAttribute, type RawValue } from '../protocol/vocabulary.ts';
import { signPoseidonMessage } from '../zk/eddsa.ts';
import { FIELD_MODULUS } from '../zk/field.ts';
import type { IssuerKey } from './createIssuerKey.ts';

export type IssueCredentialParameters = {
  issuer: IssuerKey & { name: string; id?: string };
  /** The holder's Poseidon(holderSecret), from the wallet. */
  subjectCommitment: bigint;
  attribute: string;
  value: RawValue;
  /** Unix seconds; default now. */
  issuedAt?: number;
  /** Unix seconds. */
  expiresAt: number;
  /** True when the holder signs their own claim (self-declared interests). */
  selfDeclared?: boolean;
};

/**
 * Signs one attribute for one holder.
 * @example
 * const credential = await issueCredential({ issuer, subjectCommitment, attribute: 'age', value: 34,
 *   expiresAt: Math.floor(Date.now() / 1000) + 365 * 86400 });
 * @since 0.2.0
 */
export async function issueCredential(params: IssueCredentialParameters): Promise<AttributeCredential> {
  const attribute = getAttribute(params.attribute);
  return signCredential({
    issuer: params.issuer,
    subjectCommitment: params.subjectCommitment,
    attribute,
    encodedValue: encodeValue(attribute, params.value),
    value: typeof params.value === 'bigint' ? params.value.toString() : params.value,
    issuedAt: params.issuedAt ?? Math.floor(Date.now() / 1000),
    expiresAt: params.expiresAt,
    selfDeclared: params.selfDeclared ?? false,
  });
}

/**
 * Signs an already encoded value: issueCredential for vocabulary attributes, and the protocol's
 * own credentials (the possession challenge, whose attribute is outside the vocabulary).
 * @since 0.2.0
 */
export async function signCredential(params: {
  issuer: IssuerKey & { name: string; id?: string };
  subjectCommitment: bigint;
  attribute: AttributeDefinition;
  encodedValue: bigint;
  value: string | number | boolean;
  issuedAt: number;
  expiresAt: number;
  selfDeclared: boolean;
}): Promise<AttributeCredential> {
  const { attribute, encodedValue, issuedAt } = params;
  if (params.expiresAt <= issuedAt) {
    throw new CredentialExpiredError('expiresAt must be after issuedAt.', { field: 'expiresAt' });
  }
  if (params.subjectCommitment <= 0n || params.subjectCommitment >= FIELD_MODULUS) {
    throw new InvalidInputError('subjectCommitment is not a field element.', { field: 'subjectCommitment' });
  }
  const nonce = BigInt(hexlify(randomBytes(31)));
  const message = await credentialMessage({
    commitment: params.subjectCommitment,
    attributeCode: BigInt(attribute.code),
    encodedValue,
    issuedAt: BigInt(issuedAt),
    expiresAt: BigInt(params.expiresAt),
    nonce,
  });
  const signature = await signPoseidonMessage(getBytes(params.issuer.privateKey), message);
  const issuerId = params.issuer.id ?? `urn:decdp:issuer:${params.issuer.keyHash}`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', { decdp: 'urn:decdp:vocab#' }],
    id: `urn:decdp:credential:${nonce.toString(16)}`,
    type: ['VerifiableCredential', 'DecdpAttributeCredential'],
    issuer: {
      id: issuerId,
      name: params.issuer.name,
      publicKey: { x: params.issuer.publicKey.x.toString(), y: params.issuer.publicKey.y.toString() },
      keyHash: params.issuer.keyHash.toString(),
    },
    validFrom: new Date(issuedAt * 1000).toISOString(),
    validUntil: new Date(params.expiresAt * 1000).toISOString(),
    credentialSubject: {
      commitment: params.subjectCommitment.toString(),
      attribute: attribute.id,
      value: params.value,
    },
    decdp: {
      attributeCode: attribute.code,
      encodedValue: encodedValue.toString(),
      issuedAt,
      expiresAt: params.expiresAt,
      nonce: nonce.toString(),
      selfDeclared: params.selfDeclared,
    },
    proof: {
      type: 'DecdpEddsaPoseidon',
      signature: { R8x: signature.R8x.toString(), R8y: signature.R8y.toString(), S: signature.S.toString() },
    },
  };
}
