// The prover worker: proves a request off the page's main thread, so the wallet never freezes.
// Input and output are described in proverMessages.ts.
import '../shared/nodeGlobals.ts';
import { proveRequest } from '@decdp/sdk/wallet';
import { errorInWords } from '../shared/errors.ts';
import { loadBrowserArtifacts } from './loadBrowserArtifacts.ts';
import type { ProveMessage, WorkerMessage } from './proverMessages.ts';

const post = (message: WorkerMessage) => (globalThis as unknown as Worker).postMessage(message);

globalThis.addEventListener('message', (event: Event) => {
  const message = (event as MessageEvent<ProveMessage>).data;
  if (message?.type === 'prove') void prove(message);
});

async function prove(message: ProveMessage): Promise<void> {
  const { jobId } = message;
  try {
    const started = performance.now();
    const artifacts = await loadBrowserArtifacts((done, total) =>
      post({ type: 'progress', jobId, stage: 'artifacts', done, total }),
    );
    const loaded = performance.now();
    const bundle = await proveRequest({
      signedRequest: message.signedRequest,
      credentials: message.credentials,
      holderSecret: BigInt(message.holderSecret),
      recipient: message.recipient,
      artifacts,
      onProgress: (done, total) => post({ type: 'progress', jobId, stage: 'proving', done, total }),
    });
    const finished = performance.now();
    post({
      type: 'done',
      jobId,
      bundle,
      timings: { artifactsMs: loaded - started, provingMs: finished - loaded, proofs: bundle.proofs.length },
    });
  } catch (error) {
    console.error(error);
    post({ type: 'error', jobId, error: errorInWords(error) });
  }
}
