// A TypeScript consumer of the installed @decdp/sdk: type-checked by test/integration/sdkConsumer.test.ts
// under moduleResolution bundler and node16. The @ts-expect-error lines fail the check if the
// published declarations degrade to `any` (an unused expectation is an error).
import { DecdpError } from '@decdp/sdk/errors';
import { createIssuerKey } from '@decdp/sdk/issuer';
import { createRequest, type LightRecord, type MerchantStore, verifyProofBundle } from '@decdp/sdk/merchant';
import type { ProofBundle, SignedRequest } from '@decdp/sdk/protocol';
import { explainRequest, proveRequest } from '@decdp/sdk/wallet';
import { loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { Wallet } from 'ethers';

export async function answerAndCheck(store: MerchantStore): Promise<LightRecord | undefined> {
  const issuer = await createIssuerKey({ privateKey: `0x${'01'.repeat(32)}` });
  const signedRequest: SignedRequest = await createRequest({
    signer: Wallet.createRandom(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'https://bikeshop.example/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'age-check', text: 'Sell e-bikes to adults' },
    retentionDays: 30,
  });
  const artifacts = await loadNodeArtifacts();
  const explained = explainRequest(signedRequest, { now: Math.floor(Date.now() / 1000) });
  const bundle: ProofBundle = await proveRequest({
    signedRequest,
    credentials: [],
    holderSecret: 1n,
    recipient: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    artifacts,
  });
  try {
    const verified = await verifyProofBundle({
      signedRequest,
      bundle,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: [issuer.keyHash],
    });
    const pseudonym: string = verified.pseudonym;
    // @ts-expect-error a light record has no attribute values
    verified.age;
    return (await store.list({ limit: 1 })).find((record) => record.pseudonym === pseudonym && explained);
  } catch (error) {
    if (error instanceof DecdpError) console.error(error.code, error.field);
    // @ts-expect-error retentionDays is a number of days
    await createRequest({ signer: Wallet.createRandom(), retentionDays: 'thirty' });
    return undefined;
  }
}
