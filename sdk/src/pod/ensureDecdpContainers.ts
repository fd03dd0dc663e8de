// First run of a wallet in a pod: the /decdp/ containers, closed to everyone but the owner, and the
// inbox where others may only append.
import {
  type AclDataset,
  createAcl,
  createAclFromFallbackAcl,
  getResourceAcl,
  getSolidDatasetWithAcl,
  hasAccessibleAcl,
  hasFallbackAcl,
  hasResourceAcl,
  saveAclFor,
  setAgentDefaultAccess,
  setAgentResourceAccess,
  setPublicDefaultAccess,
  setPublicResourceAccess,
} from '@inrupt/solid-client';
import { PodError } from '../errors/index.ts';
import { createContainerIfMissing } from './createContainer.ts';
import type { PodFetch } from './documents.ts';
import { DECDP_CONTAINERS, type DecdpUrls, decdpUrls } from './layout.ts';
import { setAppendOnlyAccess } from './setAppendOnlyAccess.ts';

const FULL = { read: true, append: true, write: true, control: true } as const;
const NONE = { read: false, append: false, write: false, control: false } as const;

/**
 * Creates /decdp/ and its containers when missing and gives /decdp/ its own ACL: the owner only,
 * inherited by everything below. The pod root's public read (a Community Solid Server default that
 * lists the pod's folders to anyone) is withdrawn too; the WebID profile keeps its own public ACL.
 * Then /decdp/inbox/ gets its own ACL: any logged-in agent may append (a merchant delivering a
 * signed request), only the owner reads, lists or deletes. Safe to run on every start; a pod made
 * before the inbox existed gets it on the next run (the upgrade).
 */
export async function ensureDecdpContainers(params: {
  podUrl: string;
  webId: string;
  fetch: PodFetch;
}): Promise<DecdpUrls> {
  const urls = decdpUrls(params.podUrl);
  for (const name of DECDP_CONTAINERS) {
    await createContainerIfMissing(`${urls.root}${name}`, params.fetch);
  }
  await setOwnerOnly({ url: urls.root, webId: params.webId, fetch: params.fetch, inherit: true });
  await closePublicRead({ url: params.podUrl, fetch: params.fetch });
  // Rewritten every time (like /decdp/'s), so a run repairs an inbox whose rules were changed.
  await createContainerIfMissing(urls.inbox, params.fetch);
  await setAppendOnlyAccess({
    url: urls.inbox,
    ownerWebId: params.webId,
    appenders: 'authenticated',
    fetch: params.fetch,
  });
  return urls;
}

async function loadResource(url: string, fetch: PodFetch) {
  let resource: Awaited<ReturnType<typeof getSolidDatasetWithAcl>>;
  try {
    resource = await getSolidDatasetWithAcl(url, { fetch });
  } catch (cause) {
    throw new PodError(`Cannot read the access rules of ${url}.`, { cause });
  }
  if (!hasAccessibleAcl(resource)) {
    throw new PodError(`${url} has no access rules this account may edit.`, {
      hint: 'The wallet needs Control access to its own pod (Web Access Control).',
    });
  }
  return resource;
}

/** Replaces the ACL wholesale: no rule from before survives. */
async function setOwnerOnly(params: { url: string; webId: string; fetch: PodFetch; inherit: boolean }) {
  const resource = await loadResource(params.url, params.fetch);
  let acl = setAgentResourceAccess(createAcl(resource), params.webId, FULL);
  if (params.inherit) acl = setAgentDefaultAccess(acl, params.webId, FULL);
  await save(resource, acl, params.url, params.fetch);
}

/** Keeps every rule but the public ones; an inherited ACL is copied first so the owner keeps access. */
async function closePublicRead(params: { url: string; fetch: PodFetch }) {
  const resource = await loadResource(params.url, params.fetch);
  let acl: AclDataset;
  if (hasResourceAcl(resource)) acl = getResourceAcl(resource);
  else if (hasFallbackAcl(resource)) acl = createAclFromFallbackAcl(resource);
  else throw new PodError(`Cannot read the access rules that apply to ${params.url}.`);
  const closed = setPublicDefaultAccess(setPublicResourceAccess(acl, NONE), NONE);
  await save(resource, closed, params.url, params.fetch);
}

async function save(
  resource: Parameters<typeof saveAclFor>[0],
  acl: AclDataset,
  url: string,
  fetch: PodFetch,
): Promise<void> {
  try {
    await saveAclFor(resource, acl, { fetch });
  } catch (cause) {
    throw new PodError(`Cannot save the access rules of ${url}.`, { cause });
  }
}
