// JSON documents in a Solid pod: read, write, list, delete. Browser-safe (fetch only), so the
// wallet page and Node code use the same functions. Every failure is a PodError with the status.
import { getContainedResourceUrlAll, getSolidDataset } from '@inrupt/solid-client';
import { PodError } from '../errors/index.ts';

export type PodFetch = typeof globalThis.fetch;

function hintFor(status: number): string | undefined {
  if (status === 401) return 'Log in again: the session is missing or expired.';
  if (status === 403) return 'This account has no access here; log in with the account that owns the pod.';
  if (status === 404) return 'The document does not exist (has the wallet been set up in this pod?).';
  return undefined;
}

async function send(url: string, init: RequestInit, fetch: PodFetch, action: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new PodError(`The pod could not be reached to ${action} ${url}.`, {
      cause,
      hint: 'Check that the Solid server is running and try again.',
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new PodError(`The pod refused to ${action} ${url} (${response.status}).`, {
      status: response.status,
      hint: hintFor(response.status),
    });
  }
  return response;
}

export async function readJsonDocument(params: { url: string; fetch: PodFetch }): Promise<unknown> {
  const response = await send(params.url, { headers: { accept: 'application/json' } }, params.fetch, 'read');
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PodError(`${params.url} is not JSON.`, { cause, status: response.status });
  }
}

/** The document's JSON, or undefined when it does not exist (yet): a list nobody wrote is empty. */
export async function readJsonDocumentIfExists(params: { url: string; fetch: PodFetch }): Promise<unknown> {
  try {
    return await readJsonDocument(params);
  } catch (error) {
    if (error instanceof PodError && error.status === 404) return undefined;
    throw error;
  }
}

/** Replaces the document (one PUT: the server stores all of it or none). */
export async function writeJsonDocument(params: { url: string; data: unknown; fetch: PodFetch }): Promise<void> {
  const response = await send(
    params.url,
    { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params.data, null, 2) },
    params.fetch,
    'save',
  );
  await response.body?.cancel();
}

/** Deletes a document; one that is already gone counts as deleted. */
export async function deleteDocument(params: { url: string; fetch: PodFetch }): Promise<void> {
  try {
    const response = await send(params.url, { method: 'DELETE' }, params.fetch, 'delete');
    await response.body?.cancel();
  } catch (error) {
    if (error instanceof PodError && error.status === 404) return;
    throw error;
  }
}

/** URLs of the documents (not sub-containers) in a container, sorted; a missing container is empty. */
export async function listContainer(params: { url: string; fetch: PodFetch }): Promise<string[]> {
  try {
    const dataset = await getSolidDataset(params.url, { fetch: params.fetch });
    return getContainedResourceUrlAll(dataset)
      .filter((url) => !url.endsWith('/'))
      .sort();
  } catch (cause) {
    // solid-client 3 errors carry the response; older ones a statusCode.
    const failure = cause as { statusCode?: number; response?: { status?: number } };
    const status = failure.response?.status ?? failure.statusCode;
    if (status === 404) return [];
    throw new PodError(`The pod refused to list ${params.url}${status ? ` (${status})` : ''}.`, {
      cause,
      ...(status ? { status, hint: hintFor(status) } : {}),
    });
  }
}
