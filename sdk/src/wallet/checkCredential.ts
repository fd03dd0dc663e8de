// A credential read from a file, an issuer or the pod is checked before the wallet keeps it: the
// issuer's signature over exactly these fields, the issuer key hash, and that it is for this holder.
import { InvalidInputError, SignatureInvalidError } from '../errors/index.ts';
import { type AttributeCredential, credentialMessageOf, parseCredential } from '../protocol/credential.ts';
import { encodeValue, getAttribute } from '../protocol/vocabulary.ts';
import { verifyPoseidonSignature } from '../zk/eddsa.ts';
import { poseidonHash } from '../zk/poseidon.ts';

/**
 * Parses and checks one credential; throws SignatureInvalidError when anything signed was altered.
 * @example const credential = await checkCredential({ input: JSON.parse(text), subjectCommitment });
 * @since 0.2.0
 */
export async function checkCredential(params: {
  input: unknown;
  /** The holder's Poseidon(holderSecret): a credential for someone else is refused. */
  subjectCommitment?: bigint;
}): Promise<AttributeCredential> {
  const credential = parseCredential(params.input);
  const attribute = getAttribute(credential.credentialSubject.attribute, 'credential.credentialSubject.attribute');
  if (attribute.code !== credential.decdp.attributeCode) {
    throw new SignatureInvalidError('The credential’s attribute does not match its signed attribute code.', {
      field: 'credential.decdp.attributeCode',
    });
  }
  const shown = credential.credentialSubject.value;
  if (encodeValue(attribute, shown, 'credential.credentialSubject.value') !== BigInt(credential.decdp.encodedValue)) {
    throw new SignatureInvalidError('The credential’s value does not match its signed value.', {
      field: 'credential.credentialSubject.value',
    });
  }
  const publicKey = { x: BigInt(credential.issuer.publicKey.x), y: BigInt(credential.issuer.publicKey.y) };
  if ((await poseidonHash([publicKey.x, publicKey.y])).toString() !== credential.issuer.keyHash) {
    throw new SignatureInvalidError('The issuer key hash does not belong to the issuer’s public key.', {
      field: 'credential.issuer.keyHash',
    });
  }
  const signature = credential.proof.signature;
  const valid = await verifyPoseidonSignature(
    await credentialMessageOf(credential),
    { R8x: BigInt(signature.R8x), R8y: BigInt(signature.R8y), S: BigInt(signature.S) },
    publicKey,
  ).catch(() => false);
  if (!valid) {
    throw new SignatureInvalidError('The issuer’s signature does not match this credential: it was altered.', {
      field: 'credential.proof.signature',
    });
  }
  const validFrom = new Date(credential.decdp.issuedAt * 1000).toISOString();
  const validUntil = new Date(credential.decdp.expiresAt * 1000).toISOString();
  if (credential.validFrom !== validFrom || credential.validUntil !== validUntil) {
    throw new SignatureInvalidError('The credential’s validity dates do not match its signed times.', {
      field: 'credential.validUntil',
    });
  }
  if (
    params.subjectCommitment !== undefined &&
    credential.credentialSubject.commitment !== params.subjectCommitment.toString()
  ) {
    throw new InvalidInputError('This credential was issued to another wallet.', {
      field: 'credential.credentialSubject.commitment',
    });
  }
  return credential;
}
