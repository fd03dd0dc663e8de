import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import { packRecipientAndTime, SIGNAL_INDEX, unpackRecipientAndTime } from '../protocol/publicSignals.ts';
import { requestHash, type SignedRequest } from '../protocol/request.ts';
import v1VerificationKey from '../testing/credential-v1.vkey.json' with { type: 'json' };
import { DEMO_RECIPIENT, demoRequest, makeHolder } from '../testing/demo.ts';
import { type DemoHolder, proveAsHolder } from '../testing/proveAsHolder.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { verifyProofBundle } from './verifyProofBundle.ts';

const recipient = DEMO_RECIPIENT;
let artifacts: CredentialArtifacts;
let holder: DemoHolder;
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
  verificationKey?: Record<string, unknown>;
}) {
  return (await verifyOutcome(overrides)).code;
}
/** The error code and field of a verification, or `OK`. */
async function verifyOutcome(overrides: Parameters<typeof verifyCode>[0]): Promise<{ code: string; field?: string }> {
  try {
    await verifyProofBundle({
      signedRequest: overrides.signedRequest ?? signedRequest,
      bundle: overrides.bundle ?? bundle,
      verificationKey: overrides.verificationKey ?? artifacts.verificationKey,
      trustedIssuers: overrides.trusted ?? [holder.issuer.keyHash],
      ...(overrides.now === undefined ? {} : { now: overrides.now }),
    });
    return { code: 'OK' };
  } catch (error) {
    return error instanceof DecdpError && error.field
      ? { code: error.code, field: error.field }
      : { code: codeOf(error) };
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
  signedRequest = await demoRequest(
    [
      { attribute: 'age', op: 'gte', value: 18 },
      { attribute: 'countryOfResidence', op: 'in', values: ['NL', 'BE'] },
    ],
    {
      purpose: { code: 'age-check', text: 'Sell e-bikes to adults in the Benelux' },
    },
  );
  bundle = await proveAsHolder({ holder, signedRequest, artifacts, recipient });
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

  it('refuses a proof of a weaker predicate shown for a stronger one (statementHash recomputed)', async () => {
    const [, country] = signedRequest.request.predicates;
    if (!country) throw new Error('fixture changed');
    const stronger = await demoRequest([{ attribute: 'age', op: 'gte', value: 21 }, country], {
      purpose: signedRequest.request.purpose,
    });
    const relabelled = { ...structuredClone(bundle), requestId: stronger.request.id };
    relabelled.requestHash = requestHash(stronger.request).toString();
    expect(await verifyOutcome({ signedRequest: stronger, bundle: relabelled })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.statementHash',
    });
  });

  it('refuses a tampered statementHash, and a tampered one made consistent fails the proof', async () => {
    expect(await verifyOutcome({ bundle: withSignal('statementHash', '21') })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.statementHash',
    });
  });

  it('refuses swapped public signals', async () => {
    const swapped = structuredClone(bundle);
    const signals = swapped.proofs[0]?.publicSignals as string[];
    [signals[SIGNAL_INDEX.nullifier], signals[SIGNAL_INDEX.contextHash]] = [
      signals[SIGNAL_INDEX.contextHash] as string,
      signals[SIGNAL_INDEX.nullifier] as string,
    ];
    expect(await verifyOutcome({ bundle: swapped })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.contextHash',
    });
    const reversed = structuredClone(bundle);
    for (const proof of reversed.proofs) proof.publicSignals.reverse();
    expect(await verifyCode({ bundle: reversed })).toBe('PROOF_MISMATCH');
  });

  it('refuses proofs whose order of bundle entries and signals disagree (one proof per predicate)', async () => {
    const mixed = structuredClone(bundle);
    const [first, second] = mixed.proofs;
    if (first && second) [first.predicateIndex, second.predicateIndex] = [second.predicateIndex, first.predicateIndex];
    expect(await verifyCode({ bundle: mixed })).toBe('PROOF_MISMATCH');
  });

  it('refuses another pseudonym than the one bound in contextHash', async () => {
    expect(await verifyOutcome({ bundle: { ...bundle, pseudonym: '12345' } })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.contextHash',
    });
  });

  it('refuses a bundle naming another (trusted) issuer than the one that signed', async () => {
    const renamed = structuredClone(bundle);
    for (const proof of renamed.proofs) proof.issuerKeyHash = '777';
    expect(await verifyOutcome({ bundle: renamed, trusted: [holder.issuer.keyHash, 777n] })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.statementHash',
    });
  });

  it('refuses a recipientAndTime above 2^224 (not a packed address and time)', async () => {
    const packed = BigInt(bundle.proofs[0]?.publicSignals[SIGNAL_INDEX.recipientAndTime] ?? 0);
    expect(await verifyOutcome({ bundle: withSignal('recipientAndTime', (packed + (1n << 230n)).toString()) })).toEqual(
      { code: 'PROOF_MISMATCH', field: 'bundle.proofs[0].publicSignals.recipientAndTime' },
    );
  });

  it('refuses a proof checked with the key of another circuit version, in words', async () => {
    expect(await verifyOutcome({ verificationKey: v1VerificationKey })).toEqual({
      code: 'PROOF_INVALID',
      field: 'verificationKey.nPublic',
    });
    const other = structuredClone(artifacts.verificationKey);
    other.vk_delta_2 = artifacts.verificationKey.vk_gamma_2;
    expect(await verifyOutcome({ verificationKey: other })).toEqual({
      code: 'PROOF_INVALID',
      field: 'bundle.proofs[0].proof',
    });
  });

  it('refuses a version 1 bundle (13 public signals)', async () => {
    const old = { ...structuredClone(bundle), version: 1 };
    expect(await verifyCode({ bundle: old })).toBe('INVALID_INPUT');
    const long = structuredClone(bundle);
    for (const proof of long.proofs) proof.publicSignals.push(...new Array(9).fill('0'));
    expect(await verifyOutcome({ bundle: long })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a proof whose signals were edited to match another request', async () => {
    const other = await demoRequest(signedRequest.request.predicates, {
      purpose: signedRequest.request.purpose,
    });
    expect(await verifyCode({ signedRequest: other })).toBe('PROOF_MISMATCH');
  });

  it('refuses a redirected reward (recipient changed in bundle and signal)', async () => {
    const attacker = Wallet.createRandom().address;
    const tampered = structuredClone(bundle);
    tampered.recipient = attacker;
    expect(await verifyOutcome({ bundle: tampered })).toEqual({
      code: 'PROOF_MISMATCH',
      field: 'bundle.proofs[0].publicSignals.recipientAndTime',
    });
    for (const proof of tampered.proofs) {
      const { now } = unpackRecipientAndTime(BigInt(proof.publicSignals[SIGNAL_INDEX.recipientAndTime] ?? 0));
      proof.publicSignals[SIGNAL_INDEX.recipientAndTime] = packRecipientAndTime({
        recipient: BigInt(attacker),
        now,
      }).toString();
    }
    expect(await verifyOutcome({ bundle: tampered })).toEqual({
      code: 'PROOF_INVALID',
      field: 'bundle.proofs[0].proof',
    });
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
        bundle: { ...bundle, proofs: [{ predicateIndex: 0, issuerKeyHash: '1', proof: {}, publicSignals: [] }] },
        verificationKey: artifacts.verificationKey,
        trustedIssuers: [holder.issuer.keyHash],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'bundle.proofs[0].proof.pi_a' });
  });
});
