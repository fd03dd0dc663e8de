// What the wallet page and the agent share in the pod: /decdp/agent.json, the control document the
// wallet writes to pause or remove the agent, and the shape of the policy log lines the agent writes
// (the page shows them as "Answered for you"). Browser-safe: the wallet entry point exports it too.
import { z } from 'zod';
import { type PodFetch, readJsonDocumentIfExists, writeJsonDocument } from '../../pod/documents.ts';
import { decdpUrls } from '../../pod/layout.ts';
import { parseWith } from '../../protocol/parse.ts';

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
  const input = await readJsonDocumentIfExists({ url: agentControlUrl(params.podUrl), fetch: params.fetch });
  return input === undefined ? null : parseWith(agentControlSchema, input, 'agent');
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
