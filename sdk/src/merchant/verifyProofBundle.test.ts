import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import { SIGNAL_INDEX } from '../protocol/publicSignals.ts';
import type { SignedRequest } from '../protocol/request.ts';
import { makeHolder, merchantSigner } from '../testing/demo.ts';
import { proveRequest } from '../wallet/proveRequest.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { createRequest } from './createRequest.ts';
import { verifyProofBundle } from './verifyProofBundle.ts';

const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let signedRequest: SignedRequest;
let bundle: ProofBundle;

function codeOf(error: unknown): string {
  return error instanceof DecdpError ? error.code : `not a DecdpError: ${String(error)}`;
}
async function verifyCode(overrides: {
  bundle?: unknown;
  signedRequest?: SignedRequest;
  now?: number;
  trusted?: bigint[];
}) {
  try {
    await verifyProofBundle({
      signedRequest: overrides.signedRequest ?? signedRequest,
      bundle: overrides.bundle ?? bundle,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: overrides.trusted ?? [holder.issuer.keyHash],
      ...(overrides.now === undefined ? {} : { now: overrides.now }),
    });
    return 'OK';
  } catch (error) {
    return codeOf(error);
  }
}
function withSignal(name: keyof typeof SIGNAL_INDEX, value: string): ProofBundle {
  const copy = structuredClone(bundle);
  const proof = copy.proofs[0];
  if (proof) proof.publicSignals[SIGNAL_INDEX[name]] = value;
  return copy;
}

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder();
  signedRequest = await createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates: [
      { attribute: 'age', op: 'gte', value: 18 },
      { attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] },
    ],
    purpose: { code: 'age-check', text: 'Sell e-bikes to adults in the Benelux' },
    retentionDays: 30,
  });
  bundle = await proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
  });
});
afterAll(releaseProverThreads);

describe('verifyProofBundle', () => {
  it('accepts an honest answer and reveals only the predicates', async () => {
    const verified = await verifyProofBundle({
      signedRequest,
      bundle,
      verificationKey: artifacts.verificationKey,
      trustedIssuers: [holder.issuer.keyHash],
    });
    expect(verified.predicates).toEqual(['age ≥ 18', 'country of residence is one of NL, BE']);
    expect(verified.recipient).toBe(recipient);
    // The holder's age (34) appears in no field: only predicates, hashes and the recipient.
    const fields = Object.values(verified).flat().map(String);
    expect(fields).not.toContain('34');
    expect(fields.some((field) => /\b34\b/.test(field))).toBe(false);
  });

  it('refuses a tampered operand (claiming a stronger predicate)', async () => {
    expect(await verifyCode({ bundle: withSignal('operandA', '21') })).toBe('PROOF_MISMATCH');
  });

  it('refuses a proof whose signals were edited to match another request', async () => {
    const other = await createRequest({
      signer: merchantSigner(),
      merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
      predicates: signedRequest.request.predicates,
      purpose: signedRequest.request.purpose,
      retentionDays: 30,
    });
    expect(await verifyCode({ signedRequest: other })).toBe('PROOF_MISMATCH');
  });

  it('refuses a redirected reward (recipient changed in bundle and signal)', async () => {
    const attacker = Wallet.createRandom().address;
    const tampered = withSignal('recipient', BigInt(attacker).toString());
    tampered.recipient = attacker;
    for (const proof of tampered.proofs) proof.publicSignals[SIGNAL_INDEX.recipient] = BigInt(attacker).toString();
    expect(await verifyCode({ bundle: tampered })).toBe('PROOF_INVALID');
  });

  it('refuses a changed proof point', async () => {
    const tampered = structuredClone(bundle);
    const proof = tampered.proofs[0]?.proof;
    if (proof) proof.pi_a[0] = (BigInt(proof.pi_a[0] ?? '0') + 1n).toString();
    expect(['PROOF_INVALID']).toContain(await verifyCode({ bundle: tampered }));
  });

  it('refuses an untrusted issuer', async () => {
    expect(await verifyCode({ trusted: [1n] })).toBe('ISSUER_NOT_TRUSTED');
  });

  it('refuses a stale proof', async () => {
    expect(await verifyCode({ now: Math.floor(Date.now() / 1000) + 3600 })).toBe('PROOF_MISMATCH');
  });

  it('refuses malformed input with the field named', async () => {
    await expect(
      verifyProofBundle({
        signedRequest,
        bundle: { ...bundle, proofs: [{ predicateIndex: 0, proof: {}, publicSignals: [] }] },
        verificationKey: artifacts.verificationKey,
        trustedIssuers: [holder.issuer.keyHash],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'bundle.proofs[0].proof.pi_a' });
  });
});
