import { getPodUrlAll } from '@inrupt/solid-client';
import type { PodFetch } from './documents.ts';

/** The person's pod root from their WebID profile (pim:storage), or next to the WebID (CSS layout). */
export async function findPodUrl(params: { webId: string; fetch: PodFetch }): Promise<string> {
  try {
    const first = (await getPodUrlAll(params.webId, { fetch: params.fetch }))[0];
    if (first) return first.endsWith('/') ? first : `${first}/`;
  } catch {
    // The profile may not list a storage; fall through to the Community Solid Server layout.
  }
  return new URL('../', params.webId).href;
}
