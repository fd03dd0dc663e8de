// Semaphore v4's proving artifacts for the mask tree depth, read from the npm package
// @zk-kit/semaphore-artifacts (no download) and checked against the SHA-256 sums pinned here
// before use: a swapped zkey would make proofs no verifier accepts, or worse.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ArtifactChecksumError } from '../../errors/index.ts';
import type { MaskArtifacts } from '../contributeToMask.ts';
import { MASK_ARTIFACT_SHA256 } from '../maskArtifactChecksums.ts';
import { MASK_TREE_DEPTH } from '../schema.ts';

export { MASK_ARTIFACT_SHA256 };

let cached: Promise<{ wasm: Uint8Array; zkey: Uint8Array }> | undefined;

/**
 * The checked wasm and zkey bytes for depth MASK_TREE_DEPTH, loaded once. `directory` reads
 * them from elsewhere (a copy shipped with an app); the same sums apply.
 */
export function loadMaskArtifacts(
  params: { directory?: string } = {},
): Promise<MaskArtifacts & { wasm: Uint8Array; zkey: Uint8Array }> {
  if (params.directory) return load(params.directory);
  // The package has no entry point: find it through a file it ships.
  cached ??= load(dirname(createRequire(import.meta.url).resolve('@zk-kit/semaphore-artifacts/package.json')));
  return cached;
}

async function load(directory: string): Promise<{ wasm: Uint8Array; zkey: Uint8Array }> {
  const bytes: Partial<Record<'wasm' | 'zkey', Uint8Array>> = {};
  for (const kind of ['wasm', 'zkey'] as const) {
    const file = join(directory, `semaphore-${MASK_TREE_DEPTH}.${kind}`);
    const content = await readFile(file);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== MASK_ARTIFACT_SHA256[kind]) {
      throw new ArtifactChecksumError(`${file} does not match the pinned SHA-256.`, {
        details: [`expected ${MASK_ARTIFACT_SHA256[kind]}`, `found ${actual}`],
        hint: 'Reinstall @zk-kit/semaphore-artifacts at the version in sdk/package.json (npm ci).',
      });
    }
    bytes[kind] = content;
  }
  return { wasm: bytes.wasm as Uint8Array, zkey: bytes.zkey as Uint8Array };
}
