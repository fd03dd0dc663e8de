// Loads the committed circuit artifacts in Node and checks them against circuits/checksums.json
// before use: a swapped zkey would make proofs nobody else accepts.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArtifactChecksumError } from '../errors/index.ts';
import type { ProvingArtifacts, VerificationKey } from './groth16.ts';

/**
 * The circuits/ folder nearest above this module: the installed package ships one at its root
 * (checksums.json and build/), a checkout has the repository's. Searched, not spelled as a
 * relative path, because the sources and the built files sit at different depths.
 */
export function findCircuitsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'circuits', 'checksums.json'))) return join(dir, 'circuits');
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ArtifactChecksumError('No circuits/checksums.json above the SDK.', {
        hint: 'Reinstall @decdp/sdk (it ships circuits/), or run `npm run build:circuits` in a checkout.',
      });
    }
    dir = parent;
  }
}

export type CredentialArtifacts = ProvingArtifacts & { verificationKey: VerificationKey };

let cached: Promise<CredentialArtifacts> | undefined;

export function loadNodeArtifacts(): Promise<CredentialArtifacts> {
  cached ??= load();
  return cached;
}

async function load(): Promise<CredentialArtifacts> {
  const circuitsDir = findCircuitsDir();
  const sums = JSON.parse(await readFile(join(circuitsDir, 'checksums.json'), 'utf8')) as {
    sha256: Record<string, string>;
  };
  const files = {
    wasm: join(circuitsDir, 'build', 'credential.wasm'),
    zkey: join(circuitsDir, 'build', 'credential.zkey'),
    verificationKey: join(circuitsDir, 'build', 'credential.vkey.json'),
  };
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, file] of Object.entries(files)) {
    const content = await readFile(file);
    const actual = createHash('sha256').update(content).digest('hex');
    if (actual !== sums.sha256[name]) {
      throw new ArtifactChecksumError(`${file} does not match circuits/checksums.json.`, {
        hint: 'Run `npm run build:circuits` or restore the committed file.',
      });
    }
    bytes[name] = content;
  }
  // The checked bytes themselves, not the paths: nothing can swap a file between the check and
  // its use, and proveGroth16 keeps a warm witness calculator for bytes.
  return {
    wasm: bytes.wasm as Uint8Array,
    zkey: bytes.zkey as Uint8Array,
    verificationKey: JSON.parse(new TextDecoder().decode(bytes.verificationKey)) as VerificationKey,
  };
}
