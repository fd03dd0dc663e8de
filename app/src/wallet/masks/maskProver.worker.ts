// The mask prover worker: Semaphore proofs (contributions, answers to mask requests) and admission
// proofs off the page's main thread, with checksummed artifacts from the page's own origin. Every
// transaction goes through the relayer (the mask service), so no address of the person's is ever
// sent with a mask identity. Messages: maskProverMessages.ts.
import '../../shared/nodeGlobals.ts';
import {
  answerMaskRequest,
  maskDefinitionOfChainMask,
  prepareContribution,
  proveMaskAdmission,
  readMaskOnChain,
  relayMaskContribution,
  relayMaskJoin,
  sendMaskAnswer,
} from '@decdp/sdk/masks';
import { JsonRpcProvider } from 'ethers';
import { errorInWords } from '../../shared/errors.ts';
import { loadBrowserArtifacts } from '../loadBrowserArtifacts.ts';
import { loadMaskBrowserArtifacts } from './loadMaskBrowserArtifacts.ts';
import type { MaskChain, MaskJob, MaskJobDone, MaskWorkerMessage } from './maskProverMessages.ts';

const post = (message: MaskWorkerMessage) => (globalThis as unknown as Worker).postMessage(message);

globalThis.addEventListener('message', (event: Event) => {
  const job = (event as MessageEvent<MaskJob>).data;
  if (!job?.jobId) return;
  run(job).then(
    (done) => post(done),
    (error: unknown) => {
      console.error(error);
      post({ type: 'error', jobId: job.jobId, error: errorInWords(error) });
    },
  );
});

function providerOf(chain: MaskChain): JsonRpcProvider {
  return new JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true });
}

async function run(job: MaskJob): Promise<MaskJobDone> {
  const provider = providerOf(job.chain);
  const service = job.chain.service;
  const holderSecret = BigInt(job.holderSecret);
  try {
    if (job.type === 'join') {
      const mask = await readMaskOnChain({ provider, registry: job.chain.registry, maskId: job.maskId });
      let admission: Awaited<ReturnType<typeof proveMaskAdmission>>['admission'] | undefined;
      const started = performance.now();
      if (mask.admission) {
        ({ admission } = await proveMaskAdmission({
          holderSecret,
          mask: maskDefinitionOfChainMask(mask),
          credentials: job.credentials ?? [],
          artifacts: await loadBrowserArtifacts({}),
          nowSeconds: Math.floor(Date.now() / 1000),
        }));
      }
      const provingMs = performance.now() - started;
      const joined = await relayMaskJoin({
        service,
        maskId: job.maskId,
        holderSecret,
        ...(admission ? { admission } : {}),
      });
      return { type: 'done', jobId: job.jobId, txHash: joined.txHash, provingMs };
    }
    const artifacts = await loadMaskBrowserArtifacts();
    if (job.type === 'contribute') {
      const started = performance.now();
      const prepared = await prepareContribution({
        signer: provider,
        registry: job.chain.registry,
        maskId: job.maskId,
        holderSecret,
        signal: job.signal,
        artifacts,
      });
      const provingMs = performance.now() - started;
      if (!job.send) return { type: 'done', jobId: job.jobId, epoch: prepared.epoch, provingMs };
      const sent = await relayMaskContribution({
        service,
        contribution: {
          version: 1,
          maskId: job.maskId,
          epoch: prepared.epoch,
          signal: prepared.signal,
          proof: prepared.proof,
        },
      });
      return { type: 'done', jobId: job.jobId, txHash: sent.txHash, epoch: prepared.epoch, provingMs };
    }
    const started = performance.now();
    const answer = await answerMaskRequest({
      provider,
      registry: job.chain.registry,
      signedRequest: job.signedRequest,
      holderSecret,
      recipient: job.recipient,
      artifacts,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    const provingMs = performance.now() - started;
    await sendMaskAnswer({ service, answer });
    return { type: 'done', jobId: job.jobId, provingMs };
  } finally {
    provider.destroy();
  }
}
