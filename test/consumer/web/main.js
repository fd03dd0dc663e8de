// A tiny page of a consumer project: proves an answer in the browser with the installed
// @decdp/sdk/wallet and the circuit files the package ships, fetched as Vite asset URLs.
import './globals.js';
import wasmUrl from '@decdp/sdk/circuits/build/credential.wasm?url';
import zkeyUrl from '@decdp/sdk/circuits/build/credential.zkey?url';
import { makeHolder } from '@decdp/sdk/testing';
import { proveRequest } from '@decdp/sdk/wallet';

const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());

window.proveInPage = async (signedRequest, recipient) => {
  const holder = await makeHolder();
  const artifacts = { wasm: await bytes(wasmUrl), zkey: await bytes(zkeyUrl) };
  return proveRequest({
    signedRequest,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
    recipient,
    artifacts,
  });
};
document.getElementById('status').textContent = 'ready';
