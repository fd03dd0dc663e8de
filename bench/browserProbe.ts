// Runs inside the wallet page (served by Vite, imported by bench/browser.ts through /@fs/): times
// the two halves of a proof on the page's thread — the witness (circom's wasm) and the whole
// Groth16 proof (snarkjs) — and reports what the browser offers snarkjs for threads.

import type { AttributeCredential } from '@decdp/sdk/protocol';
import { nullifierScopeOf, requestHash, resolvePredicate, type SignedRequest } from '@decdp/sdk/protocol';
import { buildPredicateWitness, pickCredential } from '@decdp/sdk/wallet';
import { calculateWitness, proveGroth16 } from '@decdp/sdk/zk';
import * as snarkjs from 'snarkjs';

export type ProbeResult = {
  witnessMs: number[];
  proofMs: number[];
  /** snarkjs with `singleThread: true` (no web workers; ffjavascript builds that curve per proof). */
  singleThreadMs: number[];
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
};

type SingleThreadProve = (
  zkey: { type: 'mem'; data: Uint8Array },
  witness: { type: 'mem'; data: Uint8Array },
  logger: undefined,
  options: { singleThread: boolean },
) => Promise<unknown>;

async function bytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

export async function probeProof(params: {
  signedRequest: SignedRequest;
  credentials: AttributeCredential[];
  holderSecret: string;
  recipient: string;
  runs: number;
}): Promise<ProbeResult> {
  const artifacts = { wasm: await bytes('/circuits/credential.wasm'), zkey: await bytes('/circuits/credential.zkey') };
  const request = params.signedRequest.request;
  const now = Math.floor(Date.now() / 1000);
  const predicate = await resolvePredicate(request.predicates[0] ?? { attribute: 'age', op: 'exists' }, 'predicate');
  const credential = pickCredential(params.credentials, predicate, now, 'predicate');
  const input = buildPredicateWitness({
    credential,
    holderSecret: BigInt(params.holderSecret),
    predicate,
    context: {
      now,
      merchantScope: BigInt(request.scope),
      nullifierScope: nullifierScopeOf(request),
      recipient: BigInt(params.recipient),
      requestHash: requestHash(request),
    },
    field: 'predicate',
  });
  await proveGroth16(input, artifacts); // warm-up: curve, calculator, zkey parsing
  const witnessMs: number[] = [];
  const proofMs: number[] = [];
  const singleThreadMs: number[] = [];
  const prove = (snarkjs.groth16 as unknown as { prove: SingleThreadProve }).prove;
  for (let run = 0; run < params.runs; run++) {
    const started = performance.now();
    await calculateWitness(input, artifacts.wasm);
    const witnessDone = performance.now();
    await proveGroth16(input, artifacts);
    witnessMs.push(witnessDone - started);
    proofMs.push(performance.now() - witnessDone);
    const witness = await calculateWitness(input, artifacts.wasm);
    const single = performance.now();
    await prove({ type: 'mem', data: artifacts.zkey }, { type: 'mem', data: witness }, undefined, {
      singleThread: true,
    });
    singleThreadMs.push(performance.now() - single);
  }
  return {
    witnessMs,
    proofMs,
    singleThreadMs,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
  };
}
