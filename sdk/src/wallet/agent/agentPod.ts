// The pod documents the agent reads and writes, in the wallet's own layout (docs/wallet.md):
// answered requests kept in /decdp/requests/ (the inboxes are read by readInbox), policies in /decdp/policies/, receipts and denials in
// /decdp/receipts/(denied/), one log line per automatic answer in /decdp/policies/log/. The control
// document the wallet writes to pause or remove the agent is in agentControl.ts.
import { PodError } from '../../errors/index.ts';
import { listContainer, type PodFetch, readJsonDocument, writeJsonDocument } from '../../pod/documents.ts';
import { decdpUrls } from '../../pod/layout.ts';
import { parseCredential } from '../../protocol/credential.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import { parseStandingPolicy, type StandingPolicy } from '../standingPolicy.ts';
import type { PolicyLogEntry } from './agentControl.ts';

export const policyLogUrl = (podUrl: string) => `${decdpUrls(podUrl).policies}log/`;

export async function writePolicyLogEntry(params: { podUrl: string; entry: PolicyLogEntry; fetch: PodFetch }) {
  // Named by request, not by time: writing it again after a crash overwrites, never doubles.
  const name = `agent-${encodeURIComponent(params.entry.requestId)}.json`;
  await writeJsonDocument({ url: `${policyLogUrl(params.podUrl)}${name}`, data: params.entry, fetch: params.fetch });
}

/** Documents of a container that parse; the rest are skipped (the page shows them as invalid). */
async function readParsed<T>(params: { url: string; fetch: PodFetch; parse: (input: unknown) => T }): Promise<T[]> {
  const urls = (await listContainer(params)).filter((url) => url.endsWith('.json'));
  const read = await Promise.all(
    urls.map(async (url) => {
      try {
        return [params.parse(await readJsonDocument({ url, fetch: params.fetch }))];
      } catch (error) {
        if (error instanceof PodError && error.status !== 404) throw error;
        return [];
      }
    }),
  );
  return read.flat();
}

export function readStandingPolicies(params: { podUrl: string; fetch: PodFetch }): Promise<StandingPolicy[]> {
  return readParsed({ url: decdpUrls(params.podUrl).policies, fetch: params.fetch, parse: parseStandingPolicy });
}

export function readCredentialDocuments(params: { podUrl: string; fetch: PodFetch }) {
  return readParsed({ url: decdpUrls(params.podUrl).credentials, fetch: params.fetch, parse: parseCredential });
}

/**
 * Request ids the person (or a policy, on any device) already answered or denied: read from the
 * receipts' names (`<merchant>-<request id>-<record id>.json`, denials `<merchant>-<request id>.json`).
 */
export async function answeredRequestKeys(params: { podUrl: string; fetch: PodFetch }): Promise<Set<string>> {
  const receipts = decdpUrls(params.podUrl).receipts;
  const names = async (url: string) =>
    // A receipts container nobody wrote yet lists as empty (listContainer).
    (await listContainer({ url, fetch: params.fetch }))
      .filter((entry) => entry.endsWith('.json'))
      .map((entry) => decodeURIComponent(entry.slice(entry.lastIndexOf('/') + 1, -'.json'.length)));
  const [answered, denied] = await Promise.all([names(receipts), names(`${receipts}denied/`)]);
  const keys = new Set<string>();
  for (const name of answered) keys.add(name.slice(0, name.lastIndexOf('-')));
  for (const name of denied) keys.add(name);
  return keys;
}

/** `<first 8 hex of the merchant address>-<request id>`: how receipts and denials are named. */
export const answeredKeyOf = (signed: SignedRequest) =>
  `${signed.request.merchant.address.slice(2, 10).toLowerCase()}-${signed.request.id}`;
