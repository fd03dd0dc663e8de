import { PodError } from '../errors/index.ts';
import type { PodFetch } from './documents.ts';

/** Creates the container at `url` (slash-terminated) and any missing parents; an existing one is kept. */
export async function createContainerIfMissing(url: string, fetch: PodFetch): Promise<void> {
  const head = await fetch(url, { method: 'HEAD' }).catch((cause: unknown) => {
    throw new PodError(`The pod could not be reached to create ${url}.`, { cause });
  });
  if (head.ok) return;
  if (head.status !== 404) {
    throw new PodError(`The pod refused to check ${url} (${head.status}).`, { status: head.status });
  }
  // PUT on a slash-terminated URL creates the container and any missing parents.
  const created = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/turtle', link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' },
  });
  await created.body?.cancel();
  if (!created.ok) {
    throw new PodError(`The pod refused to create ${url} (${created.status}).`, { status: created.status });
  }
}
