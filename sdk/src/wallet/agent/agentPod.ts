// The pod documents the agent reads and writes, in the wallet's own layout (docs/wallet.md):
// answered requests kept in /decdp/requests/ (the inboxes are read by readInbox), policies in /decdp/policies/, receipts and denials in
// /decdp/receipts/(denied/), one log line per automatic answer in /decdp/policies/log/ — and the
// agent's own control document, /decdp/agent.json, which the wallet writes to pause or remove it.
import { z } from 'zod';
import { PodError } from '../../errors/index.ts';
import { listContainer, type PodFetch, readJsonDocument, writeJsonDocument } from '../../pod/documents.ts';
import { decdpUrls } from '../../pod/layout.ts';
import { parseCredential } from '../../protocol/credential.ts';
import { parseWith } from '../../protocol/parse.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import { parseStandingPolicy, type StandingPolicy } from '../standingPolicy.ts';

export const agentControlSchema = z
  .object({
    version: z.literal(1),
    /** The agent's client id, so the wallet knows which credentials are the agent's. */
    clientId: z.string().min(1).max(200),
    /** The account API resource of its credentials: the wallet deletes it to remove the agent. */
    resource: z.url().max(500),
    createdAt: z.string(),
    /** Paused: the agent answers nothing until the person resumes it. */
    paused: z.boolean(),
    /** Removed by the person (its credentials deleted): the agent stops at once and for good. */
    removedAt: z.string().optional(),
  })
  .strict();

export type AgentControl = z.output<typeof agentControlSchema>;

/** @since 0.2.0 */
export const agentControlUrl = (podUrl: string) => `${decdpUrls(podUrl).root}agent.json`;

/**
 * The control document, or null when the wallet wrote none (an agent set up by hand: not paused).
 * @since 0.2.0
 */
export async function readAgentControl(params: { podUrl: string; fetch: PodFetch }): Promise<AgentControl | null> {
  try {
    const input = await readJsonDocument({ url: agentControlUrl(params.podUrl), fetch: params.fetch });
    return parseWith(agentControlSchema, input, 'agent');
  } catch (error) {
    if (error instanceof PodError && error.status === 404) return null;
    throw error;
  }
}

/** @since 0.2.0 */
export async function saveAgentControl(params: { podUrl: string; control: AgentControl; fetch: PodFetch }) {
  await writeJsonDocument({
    url: agentControlUrl(params.podUrl),
    data: parseWith(agentControlSchema, params.control, 'agent'),
    fetch: params.fetch,
  });
}

/** One line of the policy log (the wallet's "Answered for you"); `answeredBy` says who acted. */
export type PolicyLogEntry = {
  at: string;
  requestId: string;
  merchant: string;
  decision: 'approve' | 'deny';
  policyIds: string[];
  reason: string;
  answeredBy: 'page' | 'agent';
};

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
    (
      await listContainer({ url, fetch: params.fetch }).catch((error: unknown) => {
        if (error instanceof PodError && error.status === 404) return [];
        throw error;
      })
    )
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
