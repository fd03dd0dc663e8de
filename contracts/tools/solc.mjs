// A `solc` command line for forge, backed by the npm `solc` package (solc-js, wasm).
//
// Why: forge cannot download native solc binaries here (no network but the npm registry), but it
// accepts any executable as `solc = "<path>"` in foundry.toml. forge (1.7) calls two forms only,
// both with the project root as working directory:
//
//   solc --version                      -> must print a line "Version: 0.8.x+commit..."
//   solc --allow-paths <a>,<b> --base-path <root> [--include-path <p>]... --standard-json  (JSON on stdin)
//
// forge puts most sources' `content` in the JSON, but not all: OpenZeppelin is remapped to
// ../node_modules (outside the root), forge names those files "../node_modules/...", and the
// relative imports inside them ("../../utils/Context.sol") then resolve to names forge did not
// send. solc asks the import callback for those. The callback resolves a name (already remapped by
// the compiler) the way native solc does: absolute, or relative to --base-path, each
// --include-path, then the working directory; and it reads only inside those roots and the
// --allow-paths list (forge adds `libs` there).
//
// Run through the `solc` shell shim beside this file, which picks the project's Node 22.

import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const require = createRequire(import.meta.url);
const solc = require('solc');

/** Parses the flags forge passes; unknown flags are an error so a forge change is noticed. */
function parseArgs(argv) {
  const options = { version: false, standardJson: false, basePath: null, includePaths: [], allowPaths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`missing value for ${flag}`);
      return argv[++i];
    };
    switch (flag) {
      case '--version':
        options.version = true;
        break;
      case '--standard-json':
        options.standardJson = true;
        break;
      case '--base-path':
        options.basePath = value();
        break;
      case '--include-path':
        options.includePaths.push(value());
        break;
      case '--allow-paths':
        options.allowPaths.push(...value().split(',').filter(Boolean));
        break;
      default:
        throw new Error(`unsupported argument: ${arg}`);
    }
  }
  return options;
}

/** True when `file` is `root` or below it. */
function isInside(root, file) {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Builds the import callback for solc-js from the search roots native solc would use. */
function makeImportCallback(options) {
  const cwd = process.cwd();
  const searchRoots = [options.basePath, ...options.includePaths, cwd]
    .filter((root) => root !== null)
    .map((root) => path.resolve(cwd, root));
  const allowedRoots = [...searchRoots, ...options.allowPaths.map((root) => path.resolve(cwd, root))];

  return (importPath) => {
    const candidates = path.isAbsolute(importPath)
      ? [importPath]
      : searchRoots.map((root) => path.resolve(root, importPath));
    for (const candidate of candidates) {
      let real;
      try {
        real = realpathSync(candidate);
      } catch {
        continue; // not here; try the next root
      }
      if (!allowedRoots.some((root) => isInside(root, real) || isInside(root, candidate))) {
        return { error: `${importPath} is outside the allowed paths` };
      }
      return { contents: readFileSync(real, 'utf8') };
    }
    return { error: `File not found: ${importPath}` };
  };
}

/** Reads all of stdin; async because forge's pipe may be non-blocking (readFileSync(0) then fails with EAGAIN). */
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.version) {
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
    return;
  }
  if (!options.standardJson) throw new Error('only --version and --standard-json are supported');
  const input = await readStdin();
  // Like native solc in --standard-json mode, compiler errors go inside the JSON and the exit code is 0.
  process.stdout.write(solc.compile(input, { import: makeImportCallback(options) }));
}

main().catch((error) => {
  process.stderr.write(`solc wrapper: ${error.message}\n`);
  process.exitCode = 1;
});
