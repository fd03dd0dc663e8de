import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { subjectCommitment } from './holderSecret.ts';
import {
  openHolderSecret,
  openHolderSecretWithPasskey,
  openSealedText,
  sealHolderSecret,
  sealHolderSecretWithPasskey,
  sealText,
} from './secretVault.ts';

// Cheap cost for tests; the format and the checks are the same at the default cost.
const cost = { N: 2 ** 10, r: 8, p: 1 };
const holderSecret = 123456789012345678901234567890n;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof DecdpError ? `${error.code}:${error.field}` : String(error);
  }
  return undefined;
}

describe('secret vault', () => {
  it('seals the holder secret so that the sealed document never contains it, and opens it again', async () => {
    const sealed = await sealHolderSecret({ holderSecret, passphrase: 'correct horse battery', cost });
    const text = JSON.stringify(sealed);
    expect(text).not.toContain(holderSecret.toString());
    expect(text).not.toContain(holderSecret.toString(16));
    const commitment = await subjectCommitment(holderSecret);
    await expect(openHolderSecret({ sealed, passphrase: 'correct horse battery', commitment })).resolves.toBe(
      holderSecret,
    );
  });

  it('fails closed on a wrong passphrase with a typed error', async () => {
    const sealed = await sealHolderSecret({ holderSecret, passphrase: 'correct horse battery', cost });
    const commitment = await subjectCommitment(holderSecret);
    expect(await codeOf(openHolderSecret({ sealed, passphrase: 'correct horse batterz', commitment }))).toBe(
      'WRONG_PASSPHRASE:passphrase',
    );
    expect(await codeOf(openHolderSecret({ sealed, passphrase: '', commitment }))).toBe('WRONG_PASSPHRASE:passphrase');
  });

  it('refuses a sealed document that was altered, or one sealed for another wallet', async () => {
    const sealed = await sealHolderSecret({ holderSecret, passphrase: 'correct horse battery', cost });
    const commitment = await subjectCommitment(holderSecret);
    const flipped = sealed.cipher.ciphertext.startsWith('A') ? 'B' : 'A';
    const altered = {
      ...sealed,
      cipher: { ...sealed.cipher, ciphertext: flipped + sealed.cipher.ciphertext.slice(1) },
    };
    expect(await codeOf(openHolderSecret({ sealed: altered, passphrase: 'correct horse battery', commitment }))).toBe(
      'WRONG_PASSPHRASE:passphrase',
    );
    // The label is bound to the ciphertext: relabelling is caught by AES-GCM, not only by the check.
    const other = await subjectCommitment(holderSecret + 1n);
    expect(await codeOf(openHolderSecret({ sealed, passphrase: 'correct horse battery', commitment: other }))).toBe(
      'INVALID_INPUT:sealed.label',
    );
    const relabelled = { ...sealed, label: `decdp:holder-secret:v1:${other}` };
    expect(
      await codeOf(openHolderSecret({ sealed: relabelled, passphrase: 'correct horse battery', commitment: other })),
    ).toBe('WRONG_PASSPHRASE:passphrase');
  });

  it('refuses short passphrases and untrusted costs at the edge', async () => {
    expect(await codeOf(sealText({ text: 'x', passphrase: 'short', label: 'l', cost }))).toBe(
      'INVALID_INPUT:passphrase',
    );
    const sealed = await sealText({ text: 'x', passphrase: 'long enough', label: 'l', cost });
    const greedy = { ...sealed, kdf: { ...sealed.kdf, N: 2 ** 30 } };
    expect(await codeOf(openSealedText({ sealed: greedy, passphrase: 'long enough', label: 'l' }))).toMatch(
      /^INVALID_INPUT:sealed.kdf.N/,
    );
    await expect(openSealedText({ sealed, passphrase: 'long enough', label: 'l' })).resolves.toBe('x');
  });
});

// The authenticator's part (the PRF output) is made up here; the browser test gets it from a
// virtual authenticator (test/browser/passkeyUnlock.test.ts).
describe('secret vault under a passkey (WebAuthn PRF)', () => {
  const prfOutput = crypto.getRandomValues(new Uint8Array(32));
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const credentialId = crypto.getRandomValues(new Uint8Array(16));

  it('seals the holder secret under the PRF output, and only that output opens it', async () => {
    const commitment = await subjectCommitment(holderSecret);
    const sealed = await sealHolderSecretWithPasskey({ holderSecret, prfOutput, salt, credentialId });
    const text = JSON.stringify(sealed);
    expect(text).not.toContain(holderSecret.toString());
    expect(text).not.toContain(holderSecret.toString(16));
    expect(sealed.kdf).toMatchObject({ name: 'webauthn-prf' });
    await expect(openHolderSecretWithPasskey({ sealed, prfOutput, commitment })).resolves.toBe(holderSecret);
    const otherOutput = crypto.getRandomValues(new Uint8Array(32));
    expect(await codeOf(openHolderSecretWithPasskey({ sealed, prfOutput: otherOutput, commitment }))).toBe(
      'WRONG_PASSPHRASE:passphrase',
    );
    // Nor can the passphrase path be pointed at it, or a short output pass for a key.
    expect(await codeOf(openHolderSecret({ sealed, passphrase: 'correct horse battery', commitment }))).toBe(
      'INVALID_INPUT:sealed.kdf',
    );
    expect(await codeOf(openHolderSecretWithPasskey({ sealed, prfOutput: new Uint8Array(8), commitment }))).toBe(
      'INVALID_INPUT:prfOutput',
    );
  });

  it('refuses a passkey-sealed document that was altered or names another wallet', async () => {
    const commitment = await subjectCommitment(holderSecret);
    const sealed = await sealHolderSecretWithPasskey({ holderSecret, prfOutput, salt, credentialId });
    const bytes = Uint8Array.from(atob(sealed.cipher.ciphertext), (char) => char.charCodeAt(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const altered = { ...sealed, cipher: { ...sealed.cipher, ciphertext: btoa(String.fromCharCode(...bytes)) } };
    expect(await codeOf(openHolderSecretWithPasskey({ sealed: altered, prfOutput, commitment }))).toBe(
      'WRONG_PASSPHRASE:passphrase',
    );
    const relabelled = { ...sealed, label: 'decdp:holder-secret:v1:42' };
    expect(await codeOf(openHolderSecretWithPasskey({ sealed: relabelled, prfOutput, commitment: 42n }))).toBe(
      'WRONG_PASSPHRASE:passphrase',
    );
  });
});
