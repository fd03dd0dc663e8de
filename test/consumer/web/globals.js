// circomlibjs (through blake-hash) reads the Node global Buffer when it loads: a browser page sets
// one before importing the wallet. Imported first by main.js, so it runs first.
import { Buffer } from 'buffer/';

globalThis.Buffer ??= Buffer;
