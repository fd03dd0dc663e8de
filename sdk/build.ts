// Builds the installable @decdp/sdk: a package root (default sdk/dist) holding ESM JavaScript and
// .d.ts under lib/ (tsc emit, one file per source file), the circuit artifacts the SDK loads with
// their checksums under circuits/, README, CHANGELOG, and a package.json whose exports point at
// lib/. The repository itself keeps running the sources: sdk/package.json's exports stay on src/.
//
//   node sdk/build.ts [--out DIR] [--pack DIR] [--json] [--docs]
//
// --pack writes the npm tarball into DIR and reports its name, size and file list. --docs then
// writes the API reference (docs/api, Markdown) from the built declarations with typedoc.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const sdkDir = import.meta.dirname;
const rootDir = dirname(sdkDir);

/** What a built package holds, for the caller (tests, bench) to check and report. */
export type BuiltPackage = {
  dir: string;
  tarball?: { file: string; bytes: number; files: string[] };
};

type SourceManifest = {
  name: string;
  version: string;
  description: string;
  exports: Record<string, string>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  /** vitest, optional: only @decdp/sdk/testing/storeContract (the store contract as test cases) needs it. */
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** The circuit files loadNodeArtifacts reads, at the same paths below circuits/ as in a checkout. */
const CIRCUIT_FILES = {
  wasm: 'build/credential.wasm',
  zkey: 'build/credential.zkey',
  verificationKey: 'build/credential.vkey.json',
} as const;

export function buildSdk(params: { out?: string; pack?: string } = {}): BuiltPackage {
  const out = resolve(params.out ?? join(sdkDir, 'dist'));
  rmSync(out, { recursive: true, force: true });
  const lib = join(out, 'lib');
  execFileSync(
    join(rootDir, 'node_modules', '.bin', 'tsc'),
    ['-p', join(sdkDir, 'tsconfig.build.json'), '--outDir', lib],
    {
      stdio: 'inherit',
    },
  );
  rewriteDeclarationImports(lib);
  copyCircuits(join(out, 'circuits'));
  const source = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as SourceManifest;
  const nodeOnly = new Set(
    Object.entries(source.exports)
      .filter(
        ([subpath, target]) =>
          target.endsWith('.ts') &&
          (subpath.endsWith('/node') ||
            reachesNodeBuiltin(join(lib, target.replace(/^\.\/src\//, '').replace(/\.ts$/, '.js')))),
      )
      .map(([subpath]) => subpath),
  );
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(publishedManifest(source, nodeOnly), null, 2)}\n`);
  for (const file of ['README.md', 'CHANGELOG.md']) copyFileSync(join(sdkDir, file), join(out, file));
  checkBareImports(lib, source);
  if (!params.pack) return { dir: out };
  mkdirSync(params.pack, { recursive: true });
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', out, '--json', '--pack-destination', resolve(params.pack)], {
      cwd: out,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as { filename: string; size: number; files: { path: string }[] }[];
  if (!report) throw new Error('npm pack reported nothing');
  const file = join(resolve(params.pack), report.filename);
  return { dir: out, tarball: { file, bytes: statSync(file).size, files: report.files.map((entry) => entry.path) } };
}

/**
 * The published manifest: every subpath of sdk/package.json with `types` first. A `/node` subpath,
 * or one whose built module graph reaches a `node:` builtin, resolves under the `node` condition only, so a
 * browser bundle that imports it fails at build time instead of shipping `node:fs` (the `/node`
 * subpaths, the auditor, the testing tools); the rest are platform-neutral (wallet, issuer,
 * merchant, protocol bundle in Vite).
 */
export function publishedManifest(source: SourceManifest, nodeOnly: ReadonlySet<string>): Record<string, unknown> {
  const toLib = (path: string, extension: string) => path.replace(/^\.\/src\//, './lib/').replace(/\.ts$/, extension);
  const exports: Record<string, unknown> = {};
  for (const [subpath, target] of Object.entries(source.exports)) {
    if (!target.endsWith('.ts')) {
      exports[subpath] = toLib(target, '');
      continue;
    }
    const entry = { types: toLib(target, '.d.ts'), default: toLib(target, '.js') };
    exports[subpath] = nodeOnly.has(subpath) ? { types: entry.types, node: entry.default } : entry;
  }
  exports['./circuits/*'] = './circuits/*';
  exports['./package.json'] = './package.json';
  return {
    name: source.name,
    version: source.version,
    description: source.description,
    keywords: ['zero-knowledge', 'groth16', 'solid', 'customer-data', 'privacy', 'verifiable-credentials'],
    type: 'module',
    engines: { node: '>=22.18' }, // import.meta.main (the CLIs)
    sideEffects: false,
    exports,
    bin: Object.fromEntries(Object.entries(source.bin).map(([name, path]) => [name, toLib(path, '.js')])),
    files: ['lib', 'circuits', 'CHANGELOG.md'],
    dependencies: source.dependencies,
    ...(source.peerDependencies ? { peerDependencies: source.peerDependencies } : {}),
    ...(source.peerDependenciesMeta ? { peerDependenciesMeta: source.peerDependenciesMeta } : {}),
  };
}

/** tsc keeps `./x.ts` in declarations; `./x.js` resolves under every moduleResolution a consumer may use. */
function rewriteDeclarationImports(dir: string): void {
  for (const file of walk(dir)) {
    if (!file.endsWith('.d.ts')) continue;
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/((?:from |import\()\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

/** Copies the artifacts with checksums.json, refusing files that do not match it. */
function copyCircuits(target: string): void {
  const circuits = join(rootDir, 'circuits');
  const sums = JSON.parse(readFileSync(join(circuits, 'checksums.json'), 'utf8')) as { sha256: Record<string, string> };
  mkdirSync(join(target, 'build'), { recursive: true });
  copyFileSync(join(circuits, 'checksums.json'), join(target, 'checksums.json'));
  for (const [name, path] of Object.entries(CIRCUIT_FILES)) {
    const bytes = readFileSync(join(circuits, path));
    if (createHash('sha256').update(bytes).digest('hex') !== sums.sha256[name]) {
      throw new Error(`circuits/${path} does not match circuits/checksums.json: run npm run build:circuits.`);
    }
    writeFileSync(join(target, path), bytes);
  }
}

/** The static imports of one emitted module (tsc output: one statement per import, types erased). */
function importsOf(file: string): string[] {
  const statements = /^(?:import|export)\s[^'";=()]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm;
  return [...readFileSync(file, 'utf8').matchAll(statements)].flatMap(
    ([, from, sideEffect]) => from ?? sideEffect ?? [],
  );
}

/** True when the module or anything it imports relatively imports a `node:` builtin. */
function reachesNodeBuiltin(entry: string): boolean {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file) || !file.endsWith('.js')) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('node:')) return true;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
    }
  }
  return false;
}

/** Every package the built JavaScript imports must be a dependency, or installs would break by luck. */
function checkBareImports(dir: string, source: SourceManifest): void {
  const missing = new Set<string>();
  for (const file of walk(dir)) {
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(file, 'utf8');
    const statements =
      /^(?:import|export)\s[^'";=()]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
    for (const [, fromStatement, sideEffect, fromCall] of text.matchAll(statements)) {
      const specifier = fromStatement ?? sideEffect ?? fromCall;
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (name && !(name in source.dependencies) && !(name in (source.peerDependencies ?? {})))
        missing.add(`${name} (${relative(dir, file)})`);
    }
  }
  if (missing.size > 0)
    throw new Error(`Imported but not in sdk/package.json dependencies: ${[...missing].join(', ')}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * TypeDoc needs the TypeScript 5 compiler API, which TypeScript 7 (this repository's) no longer
 * has: npx runs pinned versions in its own folder, reading the built .d.ts files (sdk/typedoc.json).
 */
export const TYPEDOC_PACKAGES = ['typedoc@0.28.20', 'typedoc-plugin-markdown@4.14.1', 'typescript@5.9.3'];

export function writeApiDocs(): void {
  const packages = TYPEDOC_PACKAGES.flatMap((name) => ['-p', name]);
  execFileSync('npx', ['--yes', ...packages, 'typedoc', '--options', 'typedoc.json', '--logLevel', 'Error'], {
    cwd: sdkDir,
    stdio: 'inherit',
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      pack: { type: 'string' },
      json: { type: 'boolean' },
      docs: { type: 'boolean' },
    },
  });
  const built = buildSdk({ ...(values.out ? { out: values.out } : {}), ...(values.pack ? { pack: values.pack } : {}) });
  if (values.docs) writeApiDocs();
  if (values.json) console.log(JSON.stringify(built));
  else {
    console.log(`built ${built.dir}`);
    if (built.tarball) {
      console.log(
        `packed ${built.tarball.file}: ${(built.tarball.bytes / 1024).toFixed(0)} KiB, ${built.tarball.files.length} files`,
      );
    }
  }
}
