// Real credential proofs for the zk tests and benches: `count` proofs of "age ≥ 18" for the demo
// holder, each for its own request (so their public signals differ).
import { createRequest } from '../merchant/index.ts';
import { buildPredicateWitness, pickCredential } from '../proof/index.ts';
import { nullifierScopeOf, requestHash, resolvePredicate } from '../protocol/index.ts';
import { proveRequest } from '../wallet/index.ts';
import type { Groth16Proof } from '../zk/groth16.ts';
import { loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { makeHolder, merchantSigner } from './demo.ts';

export type TestProof = { proof: Groth16Proof; publicSignals: string[] };

export const TEST_RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** The circuit input of one "age ≥ 18" proof, to time witness and proof apart. */
export async function makeTestCircuitInput(): Promise<Record<string, unknown>> {
  const holder = await makeHolder();
  const { request } = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Test Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
    purpose: { code: 'test', text: 'test' },
    retentionDays: 1,
  });
  const now = Math.floor(Date.now() / 1000);
  const predicate = await resolvePredicate(request.predicates[0] as (typeof request.predicates)[number], 'predicate');
  const credential = pickCredential(holder.credentials, predicate, now, 'predicate');
  const context = {
    now,
    merchantScope: BigInt(request.scope),
    nullifierScope: nullifierScopeOf(request),
    recipient: BigInt(TEST_RECIPIENT),
    requestHash: requestHash(request),
  };
  return buildPredicateWitness({
    credential,
    holderSecret: holder.holderSecret,
    predicate,
    context,
    field: 'predicate',
  });
}

export async function makeTestProofs(count: number): Promise<TestProof[]> {
  const artifacts = await loadNodeArtifacts();
  const holder = await makeHolder();
  const proofs: TestProof[] = [];
  for (let index = 0; index < count; index++) {
    const signedRequest = await createRequest({
      signer: merchantSigner(),
      merchant: { name: 'Test Shop', requestEndpoint: 'http://localhost:1/requests' },
      predicates: [{ attribute: 'age', op: 'gte', value: 18 + index }],
      purpose: { code: 'test', text: 'test' },
      retentionDays: 1,
    });
    const bundle = await proveRequest({
      signedRequest,
      credentials: holder.credentials,
      holderSecret: holder.holderSecret,
      recipient: TEST_RECIPIENT,
      artifacts,
    });
    const entry = bundle.proofs[0];
    if (!entry) throw new Error('proveRequest returned no proof');
    proofs.push({ proof: entry.proof, publicSignals: entry.publicSignals });
  }
  return proofs;
}
