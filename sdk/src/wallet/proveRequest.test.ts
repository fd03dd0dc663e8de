import { getBytes } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RequestPredicate, requestDigest, type SignedRequest } from '../protocol/request.ts';
import { DEMO_RECIPIENT, demoRequest, makeHolder, merchantSigner } from '../testing/demo.ts';
import type { DemoHolder } from '../testing/proveAsHolder.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { proveRequest } from './proveRequest.ts';

let artifacts: CredentialArtifacts;
const recipient = DEMO_RECIPIENT;
const request = (predicates: RequestPredicate[]) => demoRequest(predicates);
/** The holder answers with its own credentials and secret, paid to the demo recipient. */
const proveAs = (holder: DemoHolder, signedRequest: SignedRequest) =>
  proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
  });

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
});
afterAll(releaseProverThreads);

describe('proveRequest refuses, in words, what it must not prove', () => {
  it('a predicate the credential does not meet', async () => {
    const holder = await makeHolder();
    await expect(proveAs(holder, await request([{ attribute: 'age', op: 'gte', value: 65 }]))).rejects.toMatchObject({
      code: 'PREDICATE_NOT_SATISFIED',
      message: expect.stringContaining('age'),
    });
  });

  it('a request for the pseudonym the person has at another merchant (a scope that is not the signer’s address)', async () => {
    const holder = await makeHolder();
    const honest = await request([{ attribute: 'age', op: 'gte', value: 18 }]);
    // Validly signed by its merchant, but asking under a third party's scope.
    const other = '0x00000000000000000000000000000000000000aa';
    const forged = { ...honest.request, scope: BigInt(other).toString() };
    const signedRequest = {
      request: forged,
      signature: await merchantSigner().signMessage(getBytes(requestDigest(forged))),
    };
    await expect(proveAs(holder, signedRequest)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'signedRequest.request.scope',
    });
  });

  it('an expired credential', async () => {
    const holder = await makeHolder({ now: Math.floor(Date.now() / 1000) - 2 * 365 * 86_400 });
    await expect(proveAs(holder, await request([{ attribute: 'age', op: 'gte', value: 18 }]))).rejects.toMatchObject({
      code: 'PREDICATE_NOT_SATISFIED',
      message: expect.stringContaining('no valid age credential'),
    });
  });

  it('a request whose signature does not match', async () => {
    const holder = await makeHolder();
    const signed = await request([{ attribute: 'age', op: 'gte', value: 18 }]);
    signed.request.purpose.text = 'something else entirely';
    await expect(proveAs(holder, signed)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
  });
});
