import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolvePredicate } from '../protocol/predicate.ts';
import {
  contextHashOf,
  nullifierOf,
  packRecipientAndTime,
  pseudonymOf,
  statementHashOf,
  statementOf,
} from '../protocol/publicSignals.ts';
import { makeHolder } from '../testing/demo.ts';
import * as groth16 from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { pickCredential } from './pickCredential.ts';
import { provePredicate } from './provePredicate.ts';

// The prover stays real; one test replaces its answer with what other artifacts would give.
vi.mock('../zk/groth16.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../zk/groth16.ts')>();
  return { ...actual, proveGroth16: vi.fn(actual.proveGroth16) };
});

let artifacts: CredentialArtifacts;
beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
});
afterAll(groth16.releaseProverThreads);

async function setup() {
  const holder = await makeHolder();
  const now = Math.floor(Date.now() / 1000);
  const predicate = await resolvePredicate({ attribute: 'age', op: 'gte', value: 18 }, 'predicate');
  const credential = pickCredential(holder.credentials, predicate, now, 'predicate');
  const context = { now, merchantScope: 11n, nullifierScope: 22n, recipient: 33n, requestHash: 44n };
  return { holder, predicate, credential, context };
}

describe('provePredicate', () => {
  it('proves the predicate with exactly the public signals the protocol computes for the context', async () => {
    const { holder, predicate, credential, context } = await setup();
    const proved = await provePredicate({
      credential,
      holderSecret: holder.holderSecret,
      predicate,
      context,
      artifacts,
      field: 'predicate',
    });
    const { x, y } = credential.issuer.publicKey;
    expect(proved.issuerKeyHash).toBe(await poseidonHash([BigInt(x), BigInt(y)]));
    const pseudonym = await pseudonymOf({ holderSecret: holder.holderSecret, merchantScope: 11n });
    expect(proved.publicSignals).toEqual(
      [
        await statementHashOf(statementOf(predicate, { issuerKeyHash: proved.issuerKeyHash, ...context })),
        await nullifierOf({ holderSecret: holder.holderSecret, nullifierScope: 22n }),
        packRecipientAndTime({ recipient: 33n, now: context.now }),
        await contextHashOf({ pseudonym, requestHash: 44n }),
      ].map(String),
    );
    expect(proved.proof).toMatchObject({ protocol: 'groth16', curve: 'bn128' });
  });

  it('refuses, in words, artifacts of another circuit version (other public signals)', async () => {
    const { holder, predicate, credential, context } = await setup();
    // What circuit v1's artifacts give: thirteen public signals.
    vi.mocked(groth16.proveGroth16).mockResolvedValueOnce({
      proof: {
        pi_a: ['1', '2', '1'],
        pi_b: [
          ['1', '2'],
          ['3', '4'],
          ['1', '0'],
        ],
        pi_c: ['1', '2', '1'],
        protocol: 'groth16',
        curve: 'bn128',
      },
      publicSignals: Array.from({ length: 13 }, (_, index) => String(index)),
    } as Awaited<ReturnType<typeof groth16.proveGroth16>>);
    await expect(
      provePredicate({
        credential,
        holderSecret: holder.holderSecret,
        predicate,
        context,
        artifacts,
        field: 'predicates[0]',
      }),
    ).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'predicates[0]',
      message: expect.stringContaining('artifacts'),
    });
  });
});
