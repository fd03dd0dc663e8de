// RFC 8785 canonical JSON, so a request or bundle hashes the same in every wallet and merchant.
import canonicalizeModule from 'canonicalize';

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
