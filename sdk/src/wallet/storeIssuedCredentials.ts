// Issued credentials into the pod, each with its provenance as `evidence` (issuer, source,
// issued, expires), and which of them are due for renewal. Only credentials that passed
// acceptIssuance's checks come here; nothing is written on an error before.

import { type PodFetch, writeJsonDocument } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import type { IssuedCredentials } from '../protocol/issuance.ts';

/**
 * Writes every credential to /decdp/credentials/ (side by side, one round trip's time); returns their URLs.
 * @since 0.2.0
 */
export async function storeIssuedCredentials(params: {
  podUrl: string;
  issued: IssuedCredentials;
  fetch: PodFetch;
}): Promise<string[]> {
  return Promise.all(
    params.issued.credentials.map(async (credential) => {
      const stored: AttributeCredential = {
        ...credential,
        evidence: [{ type: 'DecdpIssuance', ...params.issued.provenance }],
      };
      const name = `${credential.credentialSubject.attribute}-${credential.decdp.nonce.slice(0, 12)}.json`;
      const url = `${decdpUrls(params.podUrl).credentials}${name}`;
      await writeJsonDocument({ url, data: stored, fetch: params.fetch });
      return url;
    }),
  );
}

/**
 * Credentials from an issuer service that expire within `withinSeconds` (default: the last fifth
 * of their life): short-lived credentials are how a source that stopped agreeing stops them, so
 * the wallet asks the same issuer and source again before they lapse.
 * @since 0.2.0
 */
export function credentialsDueForRenewal<T extends { credential: AttributeCredential }>(params: {
  items: readonly T[];
  now: number;
  withinSeconds?: number;
}): T[] {
  return params.items.filter(({ credential }) => {
    const evidence = credential.evidence?.[0];
    if (!evidence) return false;
    const life = credential.decdp.expiresAt - credential.decdp.issuedAt;
    const window = params.withinSeconds ?? Math.floor(life / 5);
    return credential.decdp.expiresAt - params.now <= window;
  });
}

/**
 * "Demo Bank, from Sandbox Bank (PSD2 sandbox), issued 6 Dec 2026, expires 6 Mar 2027": provenance in plain words.
 * @since 0.2.0
 */
export function describeProvenance(credential: AttributeCredential): string {
  const evidence = credential.evidence?.[0];
  const day = (seconds: number) =>
    new Date(seconds * 1000).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  const dates = `issued ${day(credential.decdp.issuedAt)}, expires ${day(credential.decdp.expiresAt)}`;
  if (!evidence) {
    return credential.decdp.selfDeclared ? `Self-declared, ${dates}` : `${credential.issuer.name}, ${dates}`;
  }
  const from = evidence.selfAsserted ? 'from your pod (self-asserted)' : `from ${evidence.sourceName}`;
  return `${evidence.issuerName}, ${from}, ${dates}`;
}
