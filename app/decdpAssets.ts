// Serves what the pages fetch at run time from their own origin: the circuit artifacts under
// /circuits/ (dev and preview servers; copied into dist/ on build) and the runtime config at
// /decdp.config.json, read from the JSON file named by the DECDP_CONFIG_FILE environment variable.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const circuitsDir = join(import.meta.dirname, '..', 'circuits');
// Semaphore v4's depth-20 artifacts for masks, from the pinned npm package (docs/masks.md § Artifacts).
const semaphoreDir = join(import.meta.dirname, '..', 'node_modules', '@zk-kit', 'semaphore-artifacts');

/** URL path under /circuits/ → file on disk and its content type. */
export const CIRCUIT_FILES: Record<string, { path: string; type: string }> = {
  'credential.wasm': { path: join(circuitsDir, 'build', 'credential.wasm'), type: 'application/wasm' },
  'credential.zkey': { path: join(circuitsDir, 'build', 'credential.zkey'), type: 'application/octet-stream' },
  'credential.vkey.json': { path: join(circuitsDir, 'build', 'credential.vkey.json'), type: 'application/json' },
  'checksums.json': { path: join(circuitsDir, 'checksums.json'), type: 'application/json' },
  'semaphore-20.wasm': { path: join(semaphoreDir, 'semaphore-20.wasm'), type: 'application/wasm' },
  'semaphore-20.zkey': { path: join(semaphoreDir, 'semaphore-20.zkey'), type: 'application/octet-stream' },
};

export const CONFIG_PATH = '/decdp.config.json';

type Next = (error?: unknown) => void;

async function handle(request: IncomingMessage, response: ServerResponse, next: Next): Promise<void> {
  const path = (request.url ?? '').split('?')[0] ?? '';
  if (request.method !== 'GET' && request.method !== 'HEAD') return next();
  if (path === CONFIG_PATH) {
    const file = process.env.DECDP_CONFIG_FILE;
    if (!file) {
      return send(response, 404, 'application/json', {
        error: {
          code: 'CONFIG_MISSING',
          message: 'No runtime configuration: DECDP_CONFIG_FILE is not set.',
          hint: 'Start the pages through `npm start` (scripts/system) or set DECDP_CONFIG_FILE to a JSON file.',
        },
      });
    }
    try {
      return send(response, 200, 'application/json', await readFile(file));
    } catch (cause) {
      return send(response, 500, 'application/json', {
        error: { code: 'CONFIG_UNREADABLE', message: `Cannot read ${file}: ${String(cause)}` },
      });
    }
  }
  if (path.startsWith('/circuits/')) {
    const entry = CIRCUIT_FILES[path.slice('/circuits/'.length)];
    if (!entry) return next();
    try {
      return send(response, 200, entry.type, await readFile(entry.path));
    } catch (cause) {
      return next(cause);
    }
  }
  next();
}

function send(response: ServerResponse, status: number, type: string, body: Buffer | object): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  response.statusCode = status;
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Length', bytes.length);
  // Artifacts are checked against pinned sums in the worker; the config changes per run.
  response.setHeader('Cache-Control', 'no-cache');
  response.end(bytes);
}

export function decdpAssets(): Plugin {
  const middleware = (request: IncomingMessage, response: ServerResponse, next: Next) => {
    handle(request, response, next).catch(next);
  };
  return {
    name: 'decdp-assets',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    async generateBundle() {
      for (const [name, entry] of Object.entries(CIRCUIT_FILES)) {
        this.emitFile({ type: 'asset', fileName: `circuits/${name}`, source: await readFile(entry.path) });
      }
    },
  };
}
