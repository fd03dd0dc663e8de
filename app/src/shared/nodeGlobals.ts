// circomlibjs loads blake-hash, which reads the Node global `Buffer` as soon as it is imported
// (`Blake.padding = Buffer.from(...)`); browsers have none. Import this module before anything
// that imports the SDK (page entries and the prover worker). snarkjs's browser build needs nothing.
// 'buffer/' (trailing slash) is the npm package, not Node's built-in module.
import { Buffer } from 'buffer/';

const globals = globalThis as { Buffer?: unknown };
globals.Buffer ??= Buffer;
