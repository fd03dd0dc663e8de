import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyProofBundle } from '../proof/verifyProofBundle.ts';
import { DEMO_RECIPIENT, demoRequest } from '../testing/demo.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { declareAttribute, selfDeclaredIssuer } from './declareAttribute.ts';
import { createHolderSecret } from './holderSecret.ts';
import { proveRequest } from './proveRequest.ts';

let artifacts: CredentialArtifacts;
beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
});
afterAll(releaseProverThreads);

describe('declareAttribute', () => {
  it('marks the credential self-declared and signs it with the one shared key', async () => {
    const [a, b] = await Promise.all([
      declareAttribute({ holderSecret: createHolderSecret(), attribute: 'interest', value: 'cycling' }),
      declareAttribute({ holderSecret: createHolderSecret(), attribute: 'interest', value: 'running' }),
    ]);
    expect(a.decdp.selfDeclared).toBe(true);
    expect(a.issuer.name).toBe('Self-declared');
    // Same issuer for everyone: the issuerKeyHash public signal cannot tell people apart.
    expect(a.issuer.keyHash).toBe(b.issuer.keyHash);
    expect(a.credentialSubject.commitment).not.toBe(b.credentialSubject.commitment);
  });

  it('proves like any credential, and only merchants that trust self-declared data accept it', async () => {
    const holderSecret = createHolderSecret();
    const credential = await declareAttribute({ holderSecret, attribute: 'interest', value: 'cycling' });
    const signedRequest = await demoRequest([{ attribute: 'interest', op: 'eq', value: 'cycling' }], {
      purpose: { code: 'offers', text: 'Cycling offers' },
    });
    const bundle = await proveRequest({
      signedRequest,
      credentials: [credential],
      holderSecret,
      recipient: DEMO_RECIPIENT,
      artifacts,
    });
    const self = (await selfDeclaredIssuer()).keyHash;
    const verify = (trustedIssuers: bigint[]) =>
      verifyProofBundle({ signedRequest, bundle, verificationKey: artifacts.verificationKey, trustedIssuers });
    await expect(verify([self])).resolves.toMatchObject({ requestId: signedRequest.request.id });
    await expect(verify([123n])).rejects.toMatchObject({ code: 'ISSUER_NOT_TRUSTED' });
  });

  it('refuses a value the vocabulary cannot encode, naming the field', async () => {
    await expect(
      declareAttribute({ holderSecret: createHolderSecret(), attribute: 'age', value: 'thirty' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
