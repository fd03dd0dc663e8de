// Fetches the circuit's proving artifacts as bytes from /circuits/ and checks each against the
// SHA-256 pinned in circuits/checksums.json (bundled at build time): a swapped or stale zkey
// would make proofs nobody accepts.
import { ArtifactChecksumError, PodError } from '@decdp/sdk/errors';
import type { ProvingArtifacts } from '@decdp/sdk/zk';
import checksums from '../../../circuits/checksums.json' with { type: 'json' };

const FILES = [
  { name: 'wasm', url: '/circuits/credential.wasm', sha256: checksums.sha256.wasm },
  { name: 'zkey', url: '/circuits/credential.zkey', sha256: checksums.sha256.zkey },
] as const;

export type ArtifactProgress = (loadedBytes: number, totalBytes: number) => void;

let cached: Promise<ProvingArtifacts> | undefined;

/** Loads once per worker; a failed load is retried on the next call. */
export function loadBrowserArtifacts(onProgress?: ArtifactProgress): Promise<ProvingArtifacts> {
  cached ??= load(onProgress).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function load(onProgress?: ArtifactProgress): Promise<ProvingArtifacts> {
  const loaded = new Map<string, number>();
  const sizes = new Map<string, number>();
  const report = () => {
    let done = 0;
    let total = 0;
    for (const file of FILES) {
      done += loaded.get(file.name) ?? 0;
      total += sizes.get(file.name) ?? 0;
    }
    onProgress?.(done, total);
  };
  const [wasm, zkey] = await Promise.all(
    FILES.map(async (file) => {
      const bytes = await fetchBytes(file.url, (done, total) => {
        loaded.set(file.name, done);
        sizes.set(file.name, total);
        report();
      });
      const actual = toHex(await crypto.subtle.digest('SHA-256', bytes));
      if (actual !== file.sha256) {
        throw new ArtifactChecksumError(`${file.url} does not match circuits/checksums.json.`, {
          details: [`Expected sha256 ${file.sha256}`, `Got ${actual}`],
          hint: 'The page and its circuit files are out of step: reload the page; if it persists, rebuild the app.',
        });
      }
      return bytes;
    }),
  );
  return { wasm: wasm as Uint8Array, zkey: zkey as Uint8Array };
}

async function fetchBytes(
  url: string,
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new PodError(`Cannot load ${url} (HTTP ${response.status}).`, {
      status: response.status,
      hint: 'The page server does not serve the circuit files; start the pages with `npm start`.',
    });
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let done = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    done += next.value.byteLength;
    onProgress(done, Math.max(total, done));
  }
  const bytes = new Uint8Array(done);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
