// RFC 8785 canonical JSON, so a request or bundle hashes the same in every wallet and merchant.
import canonicalizeModule from 'canonicalize';
import { keccak256, toUtf8Bytes } from 'ethers';

// canonicalize is CommonJS with an ESM-style d.ts: Node hands over the function, some bundlers
// a namespace with `default`. Take whichever arrives.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (
  input: unknown,
) => string | undefined;

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Value cannot be canonicalized as JSON.');
  return text;
}

/** keccak256 of the value's canonical JSON: the digest a request, bundle or message is signed or kept by. */
export function canonicalDigest(value: unknown): string {
  return keccak256(toUtf8Bytes(canonicalJson(value)));
}
