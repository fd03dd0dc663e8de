import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { createCollaborationRegistry } from './collaborationRegistry.ts';
import type { VerifiedLink } from './linkPseudonyms.ts';
import type { Invitation } from './matchBlindedLists.ts';

const A = '0x00000000000000000000000000000000000000A1';
const B = '0x00000000000000000000000000000000000000B2';
const C = '0x00000000000000000000000000000000000000C3';
const t0 = 1_800_000_000;

function link(overrides: Omit<Partial<VerifiedLink>, 'pseudonyms'> & { pseudonyms: [string, string][] }): VerifiedLink {
  const { pseudonyms, ...rest } = overrides;
  return {
    linkRequestId: 'req-1',
    collaborationId: 'bikes-x-coffee',
    campaignId: 'spring-ride',
    linkId: '111',
    predicates: [],
    issuerKeyHashes: [],
    proofHash: '0xaaa',
    recipient: '0x0000000000000000000000000000000000000000',
    invitationToken: null,
    verifiedAt: t0,
    ...rest,
    pseudonyms: pseudonyms.map(([merchant, pseudonym]) => ({ merchant, pseudonym })),
  };
}
function invitation(token: string, collaborationId = 'bikes-x-coffee'): Invitation {
  return {
    type: 'decdp.collaboration-invitation',
    collaborationId,
    invitationToken: token,
    handle: '0'.repeat(32),
    confidence: 0.9,
    grade: 'primary',
    matchedKinds: ['email'],
    expiresAt: t0 + 30 * 86_400,
  };
}
function codeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    return error instanceof DecdpError ? error.code : String(error);
  }
}
const tokenOf = (n: number) => n.toString(16).padStart(32, '0');

describe('collaborationRegistry', () => {
  it('revoke(pseudonym) removes the person from every collaboration, following their links', () => {
    const registry = createCollaborationRegistry();
    registry.addInvitations([invitation(tokenOf(1)), invitation(tokenOf(2), 'books-x-coffee'), invitation(tokenOf(3))]);
    // Person P: "pa" at A and "pb" at B (link 1), "pb" at B and "pc" at C in another collaboration.
    registry.addLink(
      link({
        linkId: '1',
        invitationToken: tokenOf(1),
        pseudonyms: [
          [A, '1001'],
          [B, '1002'],
        ],
      }),
      { retentionDays: 30 },
    );
    registry.addLink(
      link({
        linkId: '2',
        collaborationId: 'books-x-coffee',
        campaignId: 'c2',
        proofHash: '0xbbb',
        pseudonyms: [
          [B, '1002'],
          [C, '1003'],
        ],
      }),
      { retentionDays: 30 },
    );
    registry.acceptInvitation({ invitationToken: tokenOf(2), pseudonym: '1003', at: t0 + 1 });
    // Someone else, untouched.
    registry.addLink(
      link({
        linkId: '3',
        proofHash: '0xccc',
        pseudonyms: [
          [A, '2001'],
          [B, '2002'],
        ],
      }),
      { retentionDays: 30 },
    );
    expect(registry.matches({ pseudonym: '1001' }).map((match) => match.status)).toEqual(['accepted']);

    const report = registry.revoke('1001', { at: t0 + 10 });
    expect(report.pseudonyms.sort()).toEqual(['1001', '1002', '1003']);
    expect(report.droppedLinks.map((dropped) => dropped.linkId).sort()).toEqual(['1', '2']);
    expect(report.droppedMatches.map((dropped) => dropped.invitationToken).sort()).toEqual([tokenOf(1), tokenOf(2)]);
    expect(report.collaborations).toEqual(['bikes-x-coffee', 'books-x-coffee']);
    for (const pseudonym of ['1001', '1002', '1003']) {
      expect(registry.links({ pseudonym })).toEqual([]);
      expect(registry.matches({ pseudonym })).toEqual([]);
    }
    expect(registry.links().map((entry) => entry.linkId)).toEqual(['3']);
    expect(registry.matches().map((entry) => entry.invitationToken)).toEqual([tokenOf(3)]); // not yet accepted by anyone
    // Nothing of the person is left in the snapshot but the tombstones and the spent link ids.
    const json = JSON.stringify(registry.toJSON().links) + JSON.stringify(registry.toJSON().matches);
    for (const pseudonym of ['1001', '1002', '1003']) expect(json).not.toContain(`"${pseudonym}"`);
    // Idempotent.
    expect(registry.revoke('1002', { at: t0 + 11 }).droppedLinks).toEqual([]);
  });

  it('refuses consent given before the revocation, the same link id twice; accepts new consent', () => {
    const registry = createCollaborationRegistry();
    const first = link({
      pseudonyms: [
        [A, '1001'],
        [B, '1002'],
      ],
    });
    expect(registry.addLink(first, { retentionDays: 30 }).duplicate).toBe(false);
    expect(registry.addLink(first, { retentionDays: 30 }).duplicate).toBe(true);
    expect(codeOf(() => registry.addLink({ ...first, proofHash: '0xother' }, { retentionDays: 30 }))).toBe(
      'NULLIFIER_REUSED',
    );
    registry.revoke('1002', { at: t0 + 100 });
    // The revoked link cannot come back (its id is spent), and older consent is refused.
    expect(codeOf(() => registry.addLink(first, { retentionDays: 30 }))).toBe('NULLIFIER_REUSED');
    const stale = link({
      linkId: '222',
      campaignId: 'c2',
      verifiedAt: t0 + 50,
      pseudonyms: [
        [A, '1001'],
        [C, '1003'],
      ],
    });
    expect(codeOf(() => registry.addLink(stale, { retentionDays: 30 }))).toBe('CONSENT_REVOKED');
    registry.addInvitations([invitation(tokenOf(9))]);
    expect(
      codeOf(() => registry.acceptInvitation({ invitationToken: tokenOf(9), pseudonym: '1001', at: t0 + 100 })),
    ).toBe('CONSENT_REVOKED');
    // Asked again later and said yes: that counts.
    const fresh = link({
      linkId: '333',
      campaignId: 'c3',
      verifiedAt: t0 + 200,
      pseudonyms: [
        [A, '1001'],
        [C, '1003'],
      ],
    });
    expect(registry.addLink(fresh, { retentionDays: 30 }).duplicate).toBe(false);
    expect(codeOf(() => registry.acceptInvitation({ invitationToken: tokenOf(8), pseudonym: '1001', at: t0 }))).toBe(
      'NOT_FOUND',
    );
  });

  it('round-trips through JSON and purges expired entries', () => {
    const registry = createCollaborationRegistry();
    registry.addInvitations([invitation(tokenOf(1))]);
    registry.addLink(
      link({
        pseudonyms: [
          [A, '1001'],
          [B, '1002'],
        ],
      }),
      { retentionDays: 1 },
    );
    registry.revoke('9999', { at: t0 });
    const restored = createCollaborationRegistry(JSON.parse(JSON.stringify(registry)));
    expect(restored.toJSON()).toEqual(registry.toJSON());
    expect(restored.purge({ now: t0 + 86_400 })).toBe(1); // the link; the invitation lives 30 days
    expect(restored.purge({ now: t0 + 31 * 86_400 })).toBe(1);
    expect(restored.toJSON().spentLinkIds).toEqual(['111']);
    expect(codeOf(() => createCollaborationRegistry({ version: 2 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => restored.acceptInvitation({ invitationToken: tokenOf(1), pseudonym: '1001', at: t0 }))).toBe(
      'NOT_FOUND',
    );
  });
});
