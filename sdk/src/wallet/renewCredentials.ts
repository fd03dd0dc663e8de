// Automatic renewal (docs/issuer.md § Renewal): credentials from issuers are short-lived, so a
// source that stops agreeing stops them. Before they lapse, the wallet asks the same issuer and
// source again with the renewal grant the issuance gave — no sign-in, a fresh proof of possession —
// and stores what the source says now. What the source no longer says is not renewed and expires;
// a source that needs the person again (a bank approval revoked or over) is reported in words, so
// the wallet can ask them. Nothing is written to the pod unless the issuer issued.
import { DecdpError } from '../errors/index.ts';
import { deleteDocument, type PodFetch } from '../pod/documents.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import {
  acceptIssuance,
  type IssuancePossession,
  previewIssuance,
  requestPossession,
  startIssuance,
} from './requestCredential.ts';
import { credentialsDueForRenewal, storeIssuedCredentials } from './storeIssuedCredentials.ts';

export type StoredCredential = { url: string; credential: AttributeCredential };

export type RenewalOutcome =
  /** Stored anew; `lapsing` are the ones the source no longer vouches for (they expire as they are). */
  | {
      kind: 'renewed';
      issuerName: string;
      sourceName: string;
      stored: StoredCredential[];
      replaced: string[];
      lapsing: StoredCredential[];
    }
  /** Not renewed: the source needs the person (or refused); `words` say why, `expiresAt` when they lapse. */
  | {
      kind: 'needs-you';
      issuerUrl: string;
      source: string;
      issuerName: string;
      sourceName: string;
      words: string;
      code: string;
      expiresAt: number;
      items: StoredCredential[];
    };

type Group = { issuerUrl: string; source: string; grant: string; items: StoredCredential[] };

/** Due credentials that carry a renewal grant still in force, one group per issuance. */
function renewableGroups(params: { items: readonly StoredCredential[]; now: number; withinSeconds?: number }): {
  groups: Group[];
  withoutGrant: StoredCredential[];
} {
  const due = credentialsDueForRenewal({
    items: params.items,
    now: params.now,
    ...(params.withinSeconds === undefined ? {} : { withinSeconds: params.withinSeconds }),
  }).filter(({ credential }) => credential.decdp.expiresAt > params.now);
  const groups = new Map<string, Group>();
  const withoutGrant: StoredCredential[] = [];
  for (const item of due) {
    const evidence = item.credential.evidence?.[0];
    const renewal = evidence?.renewal;
    if (!evidence || !renewal || renewal.until <= params.now) {
      withoutGrant.push(item);
      continue;
    }
    const key = `${evidence.issuerUrl}\n${evidence.source}\n${renewal.grant}`;
    const group = groups.get(key) ?? {
      issuerUrl: evidence.issuerUrl,
      source: evidence.source,
      grant: renewal.grant,
      items: [],
    };
    group.items.push(item);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], withoutGrant };
}

/** Why a renewal did not happen, in words a person reads. */
function wordsFor(error: unknown, sourceName: string): string {
  const code = error instanceof DecdpError ? error.code : 'UNKNOWN';
  const reason = (error as { reason?: string }).reason;
  if (code === 'CONSENT_INVALID' && reason === 'expired') return `Your approval at ${sourceName} has ended.`;
  if (code === 'CONSENT_INVALID') return `You withdrew your approval at ${sourceName}.`;
  if (code === 'SOURCE_AUTH_FAILED') return `${sourceName} needs you to sign in again.`;
  if (code === 'NOT_FOUND') return `${sourceName} no longer shows anything the issuer can vouch for.`;
  if (code === 'ISSUER_UNAVAILABLE' || code === 'SOURCE_UNAVAILABLE') {
    return `${sourceName} or its issuer could not be reached; the wallet tries again later.`;
  }
  return `${sourceName} could not renew them (${error instanceof Error ? error.message : String(error)}).`;
}

/**
 * Renews every credential due (the last fifth of its life, or `withinSeconds`) whose issuance left
 * a renewal grant: per issuance, a fresh possession challenge proved by `prove` (the browser's
 * prover worker, or provePossession) before a session with the grant, the preview, accept — automatic
 * when the source vouches for nothing new (no attribute the person did not already hold from it) —
 * then the new credentials are stored and the ones they replace deleted. Credentials without a
 * grant (or whose grant is over) come back as `needs-you` too.
 * @since 0.2.0
 */
export async function renewCredentials(params: {
  podUrl: string;
  /** The pod's authenticated fetch. */
  fetch: PodFetch;
  items: readonly StoredCredential[];
  holderSecret: bigint;
  prove: (possession: IssuancePossession) => Promise<void>;
  now?: number;
  withinSeconds?: number;
  /** For the issuer calls; default the global fetch. */
  issuerFetch?: typeof fetch;
}): Promise<RenewalOutcome[]> {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const issuerFetch = params.issuerFetch ? { fetch: params.issuerFetch } : {};
  const { groups, withoutGrant } = renewableGroups({
    items: params.items,
    now,
    ...(params.withinSeconds === undefined ? {} : { withinSeconds: params.withinSeconds }),
  });
  const outcomes: RenewalOutcome[] = [];
  const needsYou = (items: StoredCredential[], words: string, code: string): RenewalOutcome => {
    const evidence = items[0]?.credential.evidence?.[0];
    return {
      kind: 'needs-you',
      issuerUrl: evidence?.issuerUrl ?? '',
      source: evidence?.source ?? '',
      issuerName: evidence?.issuerName ?? '',
      sourceName: evidence?.sourceName ?? '',
      words,
      code,
      expiresAt: Math.min(...items.map(({ credential }) => credential.decdp.expiresAt)),
      items,
    };
  };
  const byIssuance = new Map<string, StoredCredential[]>();
  for (const item of withoutGrant) {
    const key = JSON.stringify(item.credential.evidence?.[0] ?? {});
    byIssuance.set(key, [...(byIssuance.get(key) ?? []), item]);
  }
  for (const items of byIssuance.values()) {
    const sourceName = items[0]?.credential.evidence?.[0]?.sourceName ?? 'The source';
    outcomes.push(needsYou(items, `${sourceName} needs you to sign in again to renew them.`, 'RENEWAL_NOT_GRANTED'));
  }

  for (const group of groups) {
    const evidence = group.items[0]?.credential.evidence?.[0];
    const sourceName = evidence?.sourceName ?? group.source;
    try {
      const possession = await requestPossession({
        issuerUrl: group.issuerUrl,
        holderSecret: params.holderSecret,
        ...issuerFetch,
      });
      // A renewal session needs the proof first (the issuer shows nothing of the source before it).
      await params.prove(possession);
      const session = await startIssuance({
        issuerUrl: group.issuerUrl,
        source: group.source,
        holderSecret: params.holderSecret,
        possession,
        renewalGrant: group.grant,
        ...issuerFetch,
      });
      const preview = await previewIssuance({ session, ...issuerFetch });
      const held = new Set(group.items.map(({ credential }) => credential.credentialSubject.attribute));
      const news = preview.attributes.filter((entry) => !held.has(entry.attribute));
      if (news.length > 0) {
        outcomes.push(
          needsYou(
            group.items,
            `${sourceName} now vouches for more (${news.map((entry) => entry.description).join(', ')}): renew by hand to see it first.`,
            'RENEWAL_NEEDS_REVIEW',
          ),
        );
        continue;
      }
      const issued = await acceptIssuance({ session, preview, ...issuerFetch });
      const urls = await storeIssuedCredentials({ podUrl: params.podUrl, issued, fetch: params.fetch });
      const stored = issued.credentials.map((credential, index) => ({
        url: urls[index] as string,
        credential: { ...credential, evidence: [{ type: 'DecdpIssuance' as const, ...issued.provenance }] },
      }));
      const renewedAttributes = new Set(issued.credentials.map((credential) => credential.credentialSubject.attribute));
      const replaced = group.items.filter(({ credential }) =>
        renewedAttributes.has(credential.credentialSubject.attribute),
      );
      for (const { url } of replaced) await deleteDocument({ url, fetch: params.fetch });
      outcomes.push({
        kind: 'renewed',
        issuerName: issued.provenance.issuerName,
        sourceName: issued.provenance.sourceName,
        stored,
        replaced: replaced.map(({ url }) => url),
        lapsing: group.items.filter(({ credential }) => !renewedAttributes.has(credential.credentialSubject.attribute)),
      });
    } catch (error) {
      outcomes.push(
        needsYou(group.items, wordsFor(error, sourceName), error instanceof DecdpError ? error.code : 'UNKNOWN'),
      );
    }
  }
  return outcomes;
}
