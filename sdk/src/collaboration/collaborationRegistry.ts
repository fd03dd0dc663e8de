// Who is in which collaboration, and nothing about them: pending and accepted invitations from
// legacy matching, consented links. In memory, with a JSON snapshot to persist. revoke(pseudonym)
// removes the person from every collaboration: every link and accepted invitation that holds any
// of their pseudonyms (followed through links: the pseudonyms of one person at other merchants).
import { z } from 'zod';
import { NotFoundError, NullifierReusedError, RequestExpiredError } from '../errors/index.ts';
import { decimal } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import { ConsentRevokedError } from './errors.ts';
import type { VerifiedLink } from './linkPseudonyms.ts';
import type { Invitation } from './matchBlindedLists.ts';

const seconds = z.number().int().nonnegative();

const matchEntrySchema = z
  .object({
    collaborationId: z.string().min(1).max(64),
    invitationToken: z.string().regex(/^[0-9a-f]{32}$/),
    confidence: z.number().min(0).max(1),
    grade: z.enum(['primary', 'secondary', 'tertiary']),
    matchedKinds: z.array(z.string().max(32)).max(16),
    expiresAt: seconds,
    status: z.enum(['invited', 'accepted']),
    /** The person's pseudonyms once they accepted in the wallet. */
    pseudonyms: z.array(decimal).max(8),
    acceptedAt: seconds.nullable(),
  })
  .strict();

const linkEntrySchema = z
  .object({
    collaborationId: z.string().min(1).max(64),
    linkId: decimal,
    linkRequestId: z.string().min(1).max(64),
    campaignId: z.string().min(1).max(64),
    pseudonyms: z
      .array(z.object({ merchant: z.string(), pseudonym: decimal }).strict())
      .min(2)
      .max(4),
    proofHash: z.string(),
    invitationToken: z.string().nullable(),
    consentedAt: seconds,
    expiresAt: seconds,
  })
  .strict();

export const registrySnapshotSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.collaboration-registry'),
    matches: z.array(matchEntrySchema),
    links: z.array(linkEntrySchema),
    /** Link ids (campaign nullifiers) ever recorded: a revoked link's proof cannot be recorded again. */
    spentLinkIds: z.array(decimal),
    /** Pseudonyms and when they revoked: consent given before that time is refused. */
    revoked: z.array(z.object({ pseudonym: decimal, revokedAt: seconds }).strict()),
  })
  .strict();

export type MatchEntry = z.output<typeof matchEntrySchema>;
export type LinkEntry = z.output<typeof linkEntrySchema>;
export type RegistrySnapshot = z.output<typeof registrySnapshotSchema>;

export type RevocationReport = {
  /** Every pseudonym of the person found through their links (the one revoked first). */
  pseudonyms: string[];
  droppedLinks: { collaborationId: string; linkId: string; merchants: string[] }[];
  droppedMatches: { collaborationId: string; invitationToken: string }[];
  /** Collaborations the person was removed from: tell their other merchants. */
  collaborations: string[];
  revokedAt: number;
};

export class CollaborationRegistry {
  #matches = new Map<string, MatchEntry>();
  #links = new Map<string, LinkEntry>();
  #spentLinkIds = new Set<string>();
  #revoked = new Map<string, number>();

  constructor(snapshot?: RegistrySnapshot) {
    for (const match of snapshot?.matches ?? []) this.#matches.set(match.invitationToken, match);
    for (const link of snapshot?.links ?? []) this.#links.set(link.linkId, link);
    for (const id of snapshot?.spentLinkIds ?? []) this.#spentLinkIds.add(id);
    for (const entry of snapshot?.revoked ?? []) this.#revoked.set(entry.pseudonym, entry.revokedAt);
  }

  /** Records this side's invitations from matchBlindedLists (not the CRM handles: keep those yourself). */
  addInvitations(invitations: readonly Invitation[]): void {
    for (const invitation of invitations) {
      if (this.#matches.has(invitation.invitationToken)) continue;
      this.#matches.set(invitation.invitationToken, {
        collaborationId: invitation.collaborationId,
        invitationToken: invitation.invitationToken,
        confidence: invitation.confidence,
        grade: invitation.grade,
        matchedKinds: [...invitation.matchedKinds],
        expiresAt: invitation.expiresAt,
        status: 'invited',
        pseudonyms: [],
        acceptedAt: null,
      });
    }
  }

  /** The person took the invitation into the wallet and answered as `pseudonym` (a consented answer). */
  acceptInvitation(params: { invitationToken: string; pseudonym: string; at: number }): MatchEntry {
    const match = this.#matches.get(params.invitationToken);
    if (!match) throw new NotFoundError('No such invitation.', { field: 'invitationToken' });
    parseWith(decimal, params.pseudonym, 'pseudonym');
    if (params.at >= match.expiresAt) {
      throw new RequestExpiredError('The invitation expired.', { field: 'invitationToken' });
    }
    this.#assertNotRevoked([params.pseudonym], params.at);
    match.status = 'accepted';
    match.acceptedAt ??= params.at;
    if (!match.pseudonyms.includes(params.pseudonym)) match.pseudonyms.push(params.pseudonym);
    return structuredClone(match);
  }

  /** The person declined (or never wants to hear of it): the invitation is gone. */
  declineInvitation(invitationToken: string): boolean {
    return this.#matches.delete(invitationToken);
  }

  /**
   * Records a verified link (linkPseudonyms). The same bundle again is a duplicate; another bundle
   * with a used link id is NULLIFIER_REUSED; a pseudonym that revoked at or after the proof is
   * CONSENT_REVOKED. An invitation the link answers becomes accepted with the link's pseudonyms.
   */
  addLink(link: VerifiedLink, params: { retentionDays: number }): { link: LinkEntry; duplicate: boolean } {
    const existing = this.#links.get(link.linkId);
    if (existing?.proofHash === link.proofHash) return { link: structuredClone(existing), duplicate: true };
    if (existing || this.#spentLinkIds.has(link.linkId)) {
      throw new NullifierReusedError('This person already linked for this campaign.', { field: 'linkId' });
    }
    const pseudonyms = link.pseudonyms.map((entry) => entry.pseudonym);
    this.#assertNotRevoked(pseudonyms, link.verifiedAt);
    const entry: LinkEntry = {
      collaborationId: link.collaborationId,
      linkId: link.linkId,
      linkRequestId: link.linkRequestId,
      campaignId: link.campaignId,
      pseudonyms: link.pseudonyms.map((item) => ({ ...item })),
      proofHash: link.proofHash,
      invitationToken: link.invitationToken,
      consentedAt: link.verifiedAt,
      expiresAt: link.verifiedAt + params.retentionDays * 86_400,
    };
    this.#links.set(entry.linkId, entry);
    this.#spentLinkIds.add(entry.linkId);
    const invitation = link.invitationToken ? this.#matches.get(link.invitationToken) : undefined;
    if (invitation && link.verifiedAt < invitation.expiresAt) {
      invitation.status = 'accepted';
      invitation.acceptedAt ??= link.verifiedAt;
      for (const pseudonym of pseudonyms)
        if (!invitation.pseudonyms.includes(pseudonym)) invitation.pseudonyms.push(pseudonym);
    }
    return { link: structuredClone(entry), duplicate: false };
  }

  /**
   * The person withdrew consent (at any merchant, for any collaboration): drops every link and
   * accepted invitation holding this pseudonym or, through links, any other pseudonym of theirs,
   * and refuses consent given before now. Idempotent.
   */
  revoke(pseudonym: string, params: { at?: number } = {}): RevocationReport {
    const at = params.at ?? Math.floor(Date.now() / 1000);
    const person = new Set([pseudonym]);
    let grew = true;
    while (grew) {
      grew = false;
      const holders = [
        ...[...this.#links.values()].map((link) => link.pseudonyms.map((entry) => entry.pseudonym)),
        ...[...this.#matches.values()].map((match) => match.pseudonyms),
      ];
      for (const group of holders) {
        if (!group.some((item) => person.has(item))) continue;
        for (const item of group) {
          if (!person.has(item)) {
            person.add(item);
            grew = true;
          }
        }
      }
    }
    const report: RevocationReport = {
      pseudonyms: [...person],
      droppedLinks: [],
      droppedMatches: [],
      collaborations: [],
      revokedAt: at,
    };
    const collaborations = new Set<string>();
    for (const [id, link] of this.#links) {
      if (!link.pseudonyms.some((entry) => person.has(entry.pseudonym))) continue;
      this.#links.delete(id);
      collaborations.add(link.collaborationId);
      report.droppedLinks.push({
        collaborationId: link.collaborationId,
        linkId: link.linkId,
        merchants: link.pseudonyms.map((entry) => entry.merchant),
      });
    }
    for (const [token, match] of this.#matches) {
      if (!match.pseudonyms.some((item) => person.has(item))) continue;
      this.#matches.delete(token);
      collaborations.add(match.collaborationId);
      report.droppedMatches.push({ collaborationId: match.collaborationId, invitationToken: token });
    }
    for (const item of person) this.#revoked.set(item, Math.max(at, this.#revoked.get(item) ?? 0));
    report.collaborations = [...collaborations].sort();
    return report;
  }

  /** Drops expired links and invitations; returns how many. */
  purge(params: { now: number }): number {
    let dropped = 0;
    for (const [id, link] of this.#links) {
      if (link.expiresAt <= params.now && this.#links.delete(id)) dropped += 1;
    }
    for (const [token, match] of this.#matches) {
      if (match.status === 'invited' && match.expiresAt <= params.now && this.#matches.delete(token)) dropped += 1;
    }
    return dropped;
  }

  links(params: { pseudonym?: string; collaborationId?: string } = {}): LinkEntry[] {
    return [...this.#links.values()]
      .filter(
        (link) =>
          (params.pseudonym === undefined || link.pseudonyms.some((entry) => entry.pseudonym === params.pseudonym)) &&
          (params.collaborationId === undefined || link.collaborationId === params.collaborationId),
      )
      .map((link) => structuredClone(link));
  }

  matches(params: { pseudonym?: string; collaborationId?: string } = {}): MatchEntry[] {
    return [...this.#matches.values()]
      .filter(
        (match) =>
          (params.pseudonym === undefined || match.pseudonyms.includes(params.pseudonym)) &&
          (params.collaborationId === undefined || match.collaborationId === params.collaborationId),
      )
      .map((match) => structuredClone(match));
  }

  toJSON(): RegistrySnapshot {
    return {
      version: 1,
      type: 'decdp.collaboration-registry',
      matches: this.matches(),
      links: this.links(),
      spentLinkIds: [...this.#spentLinkIds],
      revoked: [...this.#revoked].map(([pseudonym, revokedAt]) => ({ pseudonym, revokedAt })),
    };
  }

  #assertNotRevoked(pseudonyms: readonly string[], consentAt: number): void {
    for (const pseudonym of pseudonyms) {
      const revokedAt = this.#revoked.get(pseudonym);
      if (revokedAt !== undefined && consentAt <= revokedAt) {
        throw new ConsentRevokedError('The person revoked consent after this consent was given.', {
          field: 'pseudonym',
          hint: 'Ask again: only consent given after the revocation counts.',
        });
      }
    }
  }
}

/** An empty registry, or one restored from toJSON() output (parsed: INVALID_INPUT when malformed). */
export function createCollaborationRegistry(snapshot?: unknown): CollaborationRegistry {
  return new CollaborationRegistry(
    snapshot === undefined ? undefined : parseWith(registrySnapshotSchema, snapshot, 'registry'),
  );
}
