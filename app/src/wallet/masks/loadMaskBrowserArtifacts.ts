// Semaphore's depth-20 wasm and zkey for mask proofs, fetched from the page's own origin
// (/circuits/semaphore-20.*, served from the pinned npm package) and kept in the same Cache
// Storage bucket as the credential circuit. Every copy, fresh or cached, is checked against the
// SHA-256 pinned in the SDK (MASK_ARTIFACT_SHA256, bundled at build time) before use.
import { MASK_ARTIFACT_SHA256 } from '@decdp/sdk/masks';
import { loadPinnedFile, openCache } from '../loadBrowserArtifacts.ts';

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
  const cache = await openCache();
  const [wasm, zkey] = await Promise.all(
    MASK_ARTIFACT_FILES.map(
      async (file) =>
        (
          await loadPinnedFile({
            cache,
            file,
            hint: 'The page and its mask circuit files are out of step: reload the page.',
          })
        ).bytes,
    ),
  );
  return { wasm: wasm as Uint8Array, zkey: zkey as Uint8Array };
}
