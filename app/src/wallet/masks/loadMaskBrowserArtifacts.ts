// Semaphore's depth-20 wasm and zkey for mask proofs, fetched from the page's own origin
// (/circuits/semaphore-20.*, served from the pinned npm package) and kept in the same Cache
// Storage bucket as the credential circuit. Every copy, fresh or cached, is checked against the
// SHA-256 pinned in the SDK (MASK_ARTIFACT_SHA256, bundled at build time) before use.
import { ArtifactChecksumError, PodError } from '@decdp/sdk/errors';
import { MASK_ARTIFACT_SHA256 } from '@decdp/sdk/masks';
import { ARTIFACT_CACHE, cacheKeyOf, sha256Hex } from '../loadBrowserArtifacts.ts';

export const MASK_ARTIFACT_FILES = [
  { name: 'wasm', url: '/circuits/semaphore-20.wasm', sha256: MASK_ARTIFACT_SHA256.wasm },
  { name: 'zkey', url: '/circuits/semaphore-20.zkey', sha256: MASK_ARTIFACT_SHA256.zkey },
] as const;

let loaded: Promise<{ wasm: Uint8Array; zkey: Uint8Array }> | undefined;

/** Loads once per worker; a failed load is retried on the next call. */
export function loadMaskBrowserArtifacts(): Promise<{ wasm: Uint8Array; zkey: Uint8Array }> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function load(): Promise<{ wasm: Uint8Array; zkey: Uint8Array }> {
  // Cache Storage exists only in secure contexts (https, localhost); elsewhere, memory only.
  const cache = typeof caches === 'undefined' ? undefined : await caches.open(ARTIFACT_CACHE).catch(() => undefined);
  const [wasm, zkey] = await Promise.all(
    MASK_ARTIFACT_FILES.map(async (file) => {
      const key = cacheKeyOf(file, self.location.origin);
      const cached = await cache?.match(key).catch(() => undefined);
      if (cached) {
        const bytes = new Uint8Array(await cached.arrayBuffer());
        if ((await sha256Hex(bytes)) === file.sha256) return bytes;
        await cache?.delete(key).catch(() => false);
      }
      let response: Response;
      try {
        response = await fetch(file.url, { cache: 'no-cache' });
      } catch (cause) {
        throw new PodError(`Cannot download ${file.url}: the page's server could not be reached.`, { cause });
      }
      if (!response.ok) throw new PodError(`Cannot load ${file.url} (HTTP ${response.status}).`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const actual = await sha256Hex(bytes);
      if (actual !== file.sha256) {
        throw new ArtifactChecksumError(`${file.url} does not match the pinned SHA-256.`, {
          details: [`Expected sha256 ${file.sha256}`, `Got ${actual}`],
          hint: 'The page and its mask circuit files are out of step: reload the page.',
        });
      }
      await cache
        ?.put(key, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }))
        .catch(() => {});
      return bytes;
    }),
  );
  return { wasm: wasm as Uint8Array, zkey: zkey as Uint8Array };
}
