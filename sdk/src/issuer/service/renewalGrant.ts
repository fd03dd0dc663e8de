// Renewal grants (docs/issuer.md § Renewal): what an adapter needs to sign the person in again
// without them (a bank consent id, an address proven by SIWE), sealed with AES-256-GCM under a key
// only this issuer has, and handed to the wallet with the credentials. The issuer keeps no copy;
// the wallet cannot read or change it; it is bound to one source and one subject commitment, and a
// session that brings it still needs a fresh proof of possession for that commitment.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError } from '../../errors/index.ts';

const grantSchema = z
  .object({
    source: z.string(),
    subjectCommitment: z.string(),
    data: z.record(z.string(), z.string()),
    until: z.number().int().positive(),
  })
  .strict();
export type RenewalGrant = z.output<typeof grantSchema>;

function keyBytes(hex: string): Buffer {
  const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  if (bytes.length !== 32) throw new Error('A renewal grant key is 32 bytes.');
  return bytes;
}

/** base64url(iv ‖ ciphertext ‖ tag). */
export function sealRenewalGrant(params: { key: string; grant: RenewalGrant }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(params.key), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(params.grant), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The grant, if this issuer sealed it and nobody changed it; else INVALID_INPUT at `field`. */
export function openRenewalGrant(params: { key: string; sealed: string; field: string }): RenewalGrant {
  const refuse = (cause?: unknown) =>
    new InvalidInputError('This renewal grant is not one this issuer gave, or it was changed.', {
      field: params.field,
      cause,
      hint: 'Sign in at the source again.',
    });
  const bytes = Buffer.from(params.sealed, 'base64url');
  if (bytes.length < 12 + 16 + 2) throw refuse();
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyBytes(params.key), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    return grantSchema.parse(JSON.parse(text.toString('utf8')));
  } catch (cause) {
    throw refuse(cause);
  }
}
