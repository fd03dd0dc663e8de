// An inbox's access rules: the owner reads, writes and controls it (inherited by what is appended);
// others may only append. Written as Turtle because solid-client's ACL helpers have no rule for
// acl:AuthenticatedAgent.
import { PodError } from '../errors/index.ts';
import type { PodFetch } from './documents.ts';

/** Who may append: any logged-in agent, or exactly these WebIDs. */
export type Appenders = 'authenticated' | readonly string[];

/**
 * Replaces the ACL of the container at `url` (no rule from before survives). Appenders get Append
 * on the container only, no default: a message they post inherits the owner-only default, so they
 * can neither read it back nor list, change or delete anything.
 */
export async function setAppendOnlyAccess(params: {
  url: string;
  ownerWebId: string;
  appenders: Appenders;
  fetch: PodFetch;
}): Promise<void> {
  const aclUrl = await aclUrlOf(params.url, params.fetch);
  const container = `<${params.url}>`;
  const appenders =
    params.appenders === 'authenticated'
      ? 'acl:agentClass acl:AuthenticatedAgent'
      : `acl:agent ${params.appenders.map((webId) => `<${new URL(webId).href}>`).join(', ')}`;
  const rules = [
    '@prefix acl: <http://www.w3.org/ns/auth/acl#>.',
    `<#owner> a acl:Authorization; acl:agent <${new URL(params.ownerWebId).href}>;`,
    `  acl:accessTo ${container}; acl:default ${container}; acl:mode acl:Read, acl:Write, acl:Control.`,
  ];
  if (params.appenders === 'authenticated' || params.appenders.length > 0) {
    rules.push(`<#append> a acl:Authorization; ${appenders}; acl:accessTo ${container}; acl:mode acl:Append.`);
  }
  const response = await send(
    aclUrl,
    { method: 'PUT', headers: { 'content-type': 'text/turtle' }, body: `${rules.join('\n')}\n` },
    params.fetch,
  );
  await response.body?.cancel();
  if (!response.ok) {
    throw new PodError(`Cannot save the access rules of ${params.url} (${response.status}).`, {
      status: response.status,
      hint: 'The wallet needs Control access to its own pod (Web Access Control).',
    });
  }
}

/** The ACL document of a resource, from its `Link: <…>; rel="acl"` header. */
async function aclUrlOf(url: string, fetch: PodFetch): Promise<string> {
  const response = await send(url, { method: 'HEAD' }, fetch);
  const link = response.headers.get('link') ?? '';
  const match = /<([^>]*)>\s*;\s*rel="?acl"?/.exec(link);
  if (!response.ok || !match?.[1]) {
    throw new PodError(`Cannot find the access rules of ${url} (${response.status}).`, { status: response.status });
  }
  return new URL(match[1], url).href;
}

async function send(url: string, init: RequestInit, fetch: PodFetch): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (cause) {
    throw new PodError(`The pod could not be reached at ${url}.`, { cause });
  }
}
