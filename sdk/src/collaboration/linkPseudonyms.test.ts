import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConsentReceipt } from '../protocol/consentReceipt.ts';
import { nullifierOf, pseudonymOf, SIGNAL_INDEX } from '../protocol/publicSignals.ts';
import { makeHolder, merchantSigner } from '../testing/demo.ts';
import { outcomeOf, settledOutcomeOf } from '../testing/outcomeOf.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { createCollaborationRegistry } from './collaborationRegistry.ts';
import type { LinkBundle } from './linkBundle.ts';
import { linkConsentReceipts } from './linkConsentReceipts.ts';
import { linkPseudonyms } from './linkPseudonyms.ts';
import { createLinkRequest, linkCampaignScope, type SignedLinkRequest, signLinkRequest } from './linkRequest.ts';
import { proveLink } from './proveLink.ts';

const bikeShop = merchantSigner();
const coffeeBar = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'); // anvil #2
const recipient = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const now = Math.floor(Date.now() / 1000);

let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let signedLinkRequest: SignedLinkRequest;
let bundle: LinkBundle;
let otherHolderBundle: LinkBundle;

function outcome(overrides: { bundle?: unknown; signedLinkRequest?: unknown; now?: number; trusted?: bigint[] }) {
  return settledOutcomeOf(() =>
    linkPseudonyms({
      signedLinkRequest: overrides.signedLinkRequest ?? signedLinkRequest,
      bundle: overrides.bundle ?? bundle,
      verificationKey: artifacts.verificationKey,
      now: overrides.now ?? now,
      ...(overrides.trusted ? { trustedIssuers: overrides.trusted } : {}),
    }),
  );
}

async function signBoth(request: SignedLinkRequest['request']): Promise<SignedLinkRequest> {
  return {
    request,
    signatures: [
      await signLinkRequest({ request, signer: bikeShop }),
      await signLinkRequest({ request, signer: coffeeBar }),
    ],
  };
}

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder({ now });
  const request = createLinkRequest({
    collaborationId: 'bikes-x-coffee',
    campaign: { id: 'spring-ride', name: 'Ride to coffee' },
    merchants: [
      { name: 'Bike Shop', address: bikeShop.address, linkEndpoint: 'http://localhost:1/links', attribute: 'age' },
      {
        name: 'Coffee Bar',
        address: coffeeBar.address,
        linkEndpoint: 'http://localhost:2/links',
        attribute: 'interest',
      },
    ],
    purpose: { code: 'joint-campaign', text: 'A free coffee with every bike service, for customers of both' },
    retentionDays: 90,
    invitationToken: 'ab'.repeat(16),
    now,
  });
  signedLinkRequest = await signBoth(request);
  bundle = await proveLink({
    signedLinkRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
    now,
  });
  const other = await makeHolder({ holderSecret: 987654321n, now });
  otherHolderBundle = await proveLink({
    signedLinkRequest,
    credentials: other.credentials,
    holderSecret: other.holderSecret,
    recipient,
    artifacts,
    now,
  });
}, 120_000); // four Groth16 proofs
afterAll(releaseProverThreads);

describe('linkPseudonyms', () => {
  it('links the pseudonyms each merchant already knows, with one campaign nullifier as link id', async () => {
    const link = await linkPseudonyms({ signedLinkRequest, bundle, verificationKey: artifacts.verificationKey, now });
    const atBikes = await pseudonymOf({ holderSecret: holder.holderSecret, merchantScope: BigInt(bikeShop.address) });
    const atCoffee = await pseudonymOf({ holderSecret: holder.holderSecret, merchantScope: BigInt(coffeeBar.address) });
    expect(link.pseudonyms).toEqual([
      { merchant: bikeShop.address, pseudonym: atBikes.toString() },
      { merchant: coffeeBar.address, pseudonym: atCoffee.toString() },
    ]);
    const campaignScope = linkCampaignScope({ collaborationId: 'bikes-x-coffee', campaignId: 'spring-ride' });
    expect(link.linkId).toBe(
      (await nullifierOf({ holderSecret: holder.holderSecret, nullifierScope: campaignScope })).toString(),
    );
    expect(link.predicates).toEqual(['Bike Shop: has a age credential', 'Coffee Bar: has a interest credential']);
    expect(link.invitationToken).toBe('ab'.repeat(16));
    // Nothing about the person but pseudonyms: the age (34) and interest (cycling) are nowhere.
    const json = JSON.stringify(link);
    expect(json).not.toMatch(/\b34\b/);
    expect(json).not.toContain('cycling');
  });

  it('refuses proofs of two holders spliced into one bundle (different nullifiers)', async () => {
    const spliced = structuredClone(bundle);
    const foreign = otherHolderBundle.proofs[1];
    if (!foreign) throw new Error('fixture changed');
    spliced.proofs[1] = structuredClone(foreign);
    expect(await outcome({ bundle: spliced })).toBe('PROOF_MISMATCH bundle.proofs[1].publicSignals.nullifier');
  });

  it('refuses a pseudonym the proofs do not bind (someone else’s name at a merchant)', async () => {
    const renamed = structuredClone(bundle);
    const second = renamed.proofs[1];
    const foreign = otherHolderBundle.proofs[1];
    if (!second || !foreign) throw new Error('fixture changed');
    second.pseudonym = foreign.pseudonym;
    expect(await outcome({ bundle: renamed })).toBe('PROOF_MISMATCH bundle.proofs[1].publicSignals.contextHash');
  });

  it('refuses swapped merchants, a missing proof, another request, a stale proof, a forged proof', async () => {
    const swapped = structuredClone(bundle);
    const [first, second] = swapped.proofs;
    if (!first || !second) throw new Error('fixture changed');
    [first.merchantIndex, second.merchantIndex] = [1, 0];
    expect(await outcome({ bundle: swapped })).toMatch(
      /^PROOF_MISMATCH bundle\.proofs\[\d\]\.publicSignals\.statementHash$/,
    );
    expect(await outcome({ bundle: { ...bundle, proofs: bundle.proofs.slice(0, 1) } })).toBe(
      'INVALID_INPUT bundle.proofs',
    );
    expect(await outcome({ bundle: { ...bundle, proofs: [first, first] } })).toBe('INVALID_INPUT bundle.proofs');
    const again = await signBoth({ ...signedLinkRequest.request, nonce: `0x${'01'.repeat(16)}` });
    expect(await outcome({ signedLinkRequest: again })).toBe('PROOF_MISMATCH bundle.linkRequestHash');
    expect(await outcome({ now: now + 3600 })).toBe('PROOF_MISMATCH bundle.proofs[0].publicSignals.recipientAndTime');
    const forged = structuredClone(bundle);
    const proof = forged.proofs[0];
    if (!proof) throw new Error('fixture changed');
    proof.proof.pi_a[0] = proof.proof.pi_c[0] ?? '1';
    expect(await outcome({ bundle: forged })).toBe('PROOF_INVALID bundle.proofs[0].proof');
    const redirected = structuredClone(bundle);
    redirected.recipient = bikeShop.address;
    expect(await outcome({ bundle: redirected })).toBe(
      'PROOF_MISMATCH bundle.proofs[0].publicSignals.recipientAndTime',
    );
    const signal = structuredClone(bundle);
    const entry = signal.proofs[0];
    if (entry) entry.publicSignals[SIGNAL_INDEX.nullifier] = '1';
    expect(await outcome({ bundle: signal })).toBe('PROOF_MISMATCH bundle.proofs[1].publicSignals.nullifier');
  });

  it('needs every merchant’s signature, and an issuer list when the campaign gives one', async () => {
    const oneSigner = {
      ...signedLinkRequest,
      signatures: [signedLinkRequest.signatures[0], signedLinkRequest.signatures[0]],
    };
    expect(await outcome({ signedLinkRequest: oneSigner })).toBe('SIGNATURE_INVALID signatures[1]');
    expect(await outcome({ trusted: [1n] })).toBe('ISSUER_NOT_TRUSTED bundle.proofs[0].issuerKeyHash');
    expect(await outcome({ trusted: [holder.issuer.keyHash] })).toBe('OK');
  });

  it('refuses a link request that could reveal a third merchant’s pseudonym', async () => {
    // A merchant's scope must be its own address: else it could ask for the name at someone else.
    const tampered = structuredClone(signedLinkRequest);
    const merchant = tampered.request.merchants[1];
    if (merchant) merchant.scope = BigInt('0x00000000000000000000000000000000000000aa').toString();
    expect(await outcome({ signedLinkRequest: tampered })).toBe(
      'INVALID_INPUT signedLinkRequest.request.merchants[1].scope',
    );
    // The campaign scope is derived; a chosen one (e.g. a merchant address) is refused.
    const chosen = structuredClone(signedLinkRequest);
    chosen.request.campaign.scope = BigInt(coffeeBar.address).toString();
    expect(await outcome({ signedLinkRequest: chosen })).toBe('INVALID_INPUT signedLinkRequest.request.campaign.scope');
    const first = signedLinkRequest.request.merchants[0];
    if (!first) throw new Error('fixture changed');
    const { scope: _scope, ...named } = first;
    expect(outcomeOf(() => createLinkRequest({ ...signedLinkRequest.request, merchants: [named, named], now }))).toBe(
      'INVALID_INPUT linkRequest.merchants[1].address',
    );
  });

  it('gives the wallet one consent receipt per merchant, each with that merchant’s pseudonym', async () => {
    const receipts = linkConsentReceipts({ signedLinkRequest, bundle, createdAt: new Date(now * 1000).toISOString() });
    expect(receipts.map((receipt) => [receipt.merchant.name, receipt.pseudonym])).toEqual([
      ['Bike Shop', bundle.proofs[0]?.pseudonym],
      ['Coffee Bar', bundle.proofs[1]?.pseudonym],
    ]);
    expect(receipts[0]?.predicates).toEqual([
      'your pseudonyms at Bike Shop and Coffee Bar belong to the same person, for the joint campaign "Ride to coffee"',
    ]);
    for (const receipt of receipts) expect(parseConsentReceipt(receipt)).toEqual(receipt);
  });
});

describe('invitation → link → revocation', () => {
  it('a matched customer who links is recorded once, and revoking at one merchant removes them everywhere', async () => {
    const registry = createCollaborationRegistry();
    registry.addInvitations([
      {
        type: 'decdp.collaboration-invitation',
        collaborationId: 'bikes-x-coffee',
        invitationToken: 'ab'.repeat(16),
        handle: '0'.repeat(32),
        confidence: 0.9,
        grade: 'primary',
        matchedKinds: ['email'],
        expiresAt: now + 86_400,
      },
    ]);
    const link = await linkPseudonyms({ signedLinkRequest, bundle, verificationKey: artifacts.verificationKey, now });
    registry.addLink(link, { retentionDays: signedLinkRequest.request.retentionDays });
    expect(registry.matches()[0]?.status).toBe('accepted');
    const coffeePseudonym = link.pseudonyms[1]?.pseudonym ?? '';
    const report = registry.revoke(coffeePseudonym, { at: now + 1 });
    expect(report.droppedLinks).toHaveLength(1);
    expect(report.droppedMatches).toHaveLength(1);
    expect(registry.links()).toEqual([]);
    expect(registry.matches()).toEqual([]);
  });
});
