// Loads the circuit's proving artifacts lazily (on the first proof, in the prover worker) and
// keeps them in the browser's Cache Storage so later visits do not download 7 MB again. Every
// copy — fresh from the network or from the cache — is checked against the SHA-256 pinned in
// circuits/checksums.json (bundled at build time, so a server cannot swap both) before use: a
// corrupted or stale cache entry is dropped and fetched again.
import { ArtifactChecksumError, PodError } from '@decdp/sdk/errors';
import type { ProvingArtifacts } from '@decdp/sdk/zk';
import checksums from '../../../circuits/checksums.json' with { type: 'json' };

/** The Cache Storage bucket; entries are keyed by URL and checksum, so a new circuit never hits an old entry. */
export const ARTIFACT_CACHE = 'decdp-circuits-v1';

export const ARTIFACT_FILES = [
  { name: 'wasm', url: '/circuits/credential.wasm', sha256: checksums.sha256.wasm },
  { name: 'zkey', url: '/circuits/credential.zkey', sha256: checksums.sha256.zkey },
] as const;

export type ArtifactName = (typeof ARTIFACT_FILES)[number]['name'];

/** Where each file came from: the device's cache, the network, or the network after a bad cache entry. */
export type ArtifactSource = 'memory' | 'cache' | 'network' | 'refetched';

export type ArtifactReport = Record<ArtifactName, ArtifactSource>;

export type ArtifactProgress = (loadedBytes: number, totalBytes: number) => void;

let loaded: Promise<ProvingArtifacts> | undefined;

/** Loads once per worker; a failed load is retried on the next call. */
export async function loadBrowserArtifacts(params: {
  onProgress?: ArtifactProgress;
  onLoaded?: (report: ArtifactReport) => void;
}): Promise<ProvingArtifacts> {
  return (await loadOnce(params)) as ProvingArtifacts;
}

/**
 * The artifacts only if both are in Cache Storage and match their checksums; never downloads,
 * never drops an entry (a bad one is dealt with by the next real load). Null otherwise.
 */
export async function loadCachedArtifacts(): Promise<ProvingArtifacts | null> {
  if (loaded) return loaded;
  const cache = await openCache();
  if (!cache) return null;
  const files: Uint8Array[] = [];
  for (const file of ARTIFACT_FILES) {
    const cached = await cache.match(cacheKeyOf(file, self.location.origin)).catch(() => undefined);
    if (!cached) return null;
    const bytes = new Uint8Array(await cached.arrayBuffer());
    if ((await sha256Hex(bytes)) !== file.sha256) return null;
    files.push(bytes);
  }
  const [wasm, zkey] = files as [Uint8Array, Uint8Array];
  loaded ??= Promise.resolve({ wasm, zkey });
  return loaded;
}

async function loadOnce(params: {
  onProgress?: ArtifactProgress;
  onLoaded?: (report: ArtifactReport) => void;
}): Promise<ProvingArtifacts> {
  if (loaded) {
    const artifacts = await loaded;
    params.onLoaded?.({ wasm: 'memory', zkey: 'memory' });
    return artifacts;
  }
  loaded = load(params).catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** The cache key: the URL with its expected checksum. */
export function cacheKeyOf(file: { url: string; sha256: string }, origin: string): string {
  return new URL(`${file.url}?sha256=${file.sha256}`, origin).toString();
}

/** The Cache Storage bucket of checked circuit files, or undefined where there is none. */
export async function openCache(): Promise<Cache | undefined> {
  // Cache Storage exists only in secure contexts (https, localhost); elsewhere, memory only.
  if (typeof caches === 'undefined') return undefined;
  return caches.open(ARTIFACT_CACHE).catch(() => undefined);
}

async function load(params: {
  onProgress?: ArtifactProgress;
  onLoaded?: (report: ArtifactReport) => void;
}): Promise<ProvingArtifacts> {
  const cache = await openCache();
  const done = new Map<string, number>();
  const sizes = new Map<string, number>();
  const report = () => {
    let sum = 0;
    let total = 0;
    for (const file of ARTIFACT_FILES) {
      sum += done.get(file.name) ?? 0;
      total += sizes.get(file.name) ?? 0;
    }
    params.onProgress?.(sum, total);
  };
  const sources = {} as ArtifactReport;
  const [wasm, zkey] = await Promise.all(
    ARTIFACT_FILES.map(async (file) => {
      const { bytes, source } = await loadPinnedFile({
        cache,
        file,
        hint: 'The page and its circuit files are out of step: reload the page; if it persists, rebuild the app.',
        onProgress: (loadedBytes, total) => {
          done.set(file.name, loadedBytes);
          sizes.set(file.name, total);
          report();
        },
      });
      sources[file.name] = source;
      if (source === 'cache') {
        done.set(file.name, bytes.byteLength);
        sizes.set(file.name, bytes.byteLength);
        report();
      }
      return bytes;
    }),
  );
  params.onLoaded?.(sources);
  return { wasm: wasm as Uint8Array, zkey: zkey as Uint8Array };
}

/**
 * One pinned file (the credential circuit's or a mask circuit's): from Cache Storage when the
 * cached bytes match its SHA-256 (a mismatching entry is dropped), else downloaded, checked —
 * ARTIFACT_CHECKSUM_MISMATCH with `hint` otherwise — and cached.
 */
export async function loadPinnedFile(params: {
  cache: Cache | undefined;
  file: { url: string; sha256: string };
  hint: string;
  onProgress?: ArtifactProgress;
}): Promise<{ bytes: Uint8Array<ArrayBuffer>; source: 'cache' | 'network' | 'refetched' }> {
  const { cache, file } = params;
  const key = cacheKeyOf(file, self.location.origin);
  const cached = await cache?.match(key).catch(() => undefined);
  if (cached) {
    const bytes = new Uint8Array(await cached.arrayBuffer());
    if ((await sha256Hex(bytes)) === file.sha256) return { bytes, source: 'cache' };
    console.warn(`[decdp] the cached ${file.url} does not match its checksum: dropped and fetched again.`);
    await cache?.delete(key).catch(() => false);
  }
  const bytes = await fetchBytes(file.url, params.onProgress ?? (() => {}));
  const actual = await sha256Hex(bytes);
  if (actual !== file.sha256) {
    throw new ArtifactChecksumError(`${file.url} does not match its pinned SHA-256.`, {
      details: [`Expected sha256 ${file.sha256}`, `Got ${actual}`],
      hint: params.hint,
    });
  }
  // Caching is a convenience: a full disk or a private window only costs a download next time.
  await cache
    ?.put(key, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }))
    .catch(() => {});
  return { bytes, source: cached ? 'refetched' : 'network' };
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function fetchBytes(
  url: string,
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch (cause) {
    throw new PodError(`Cannot download ${url}: the page's server could not be reached.`, {
      cause,
      hint: 'Check your connection and that the wallet page is still running, then try again.',
    });
  }
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
