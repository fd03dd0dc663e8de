// The prover worker: proves a request off the page's main thread, so the wallet never freezes.
// Input and output are described in proverMessages.ts. Cancelling a proof terminates this
// worker (snarkjs has no abort); the next proof starts a new one, which reads the artifacts
// from Cache Storage (loadBrowserArtifacts.ts).
import '../shared/nodeGlobals.ts';
import { proveCampaignClaim, provePossession, proveRequest, revokeConsent } from '@decdp/sdk/wallet';
import { warmUpProver } from '@decdp/sdk/zk';
import { Contract, JsonRpcProvider } from 'ethers';
import * as snarkjs from 'snarkjs';
import { errorInWords } from '../shared/errors.ts';
import { type ArtifactReport, loadBrowserArtifacts, loadCachedArtifacts } from './loadBrowserArtifacts.ts';
import type {
  ClaimMessage,
  PossessionMessage,
  ProveMessage,
  ProverRequest,
  RevokeMessage,
  WarmMessage,
  WorkerMessage,
} from './proverMessages.ts';

const post = (message: WorkerMessage) => (globalThis as unknown as Worker).postMessage(message);

/** A first proof in a fresh worker also builds the curve; later ones take what the last one took. */
const FIRST_PROOF_ESTIMATE_MS = 2_500;
let lastProofMs: number | undefined;

/** Loads the proving keys, reporting the download as the job's 'artifacts' stage. */
function loadArtifactsFor(params: { jobId: number; onLoaded?: (sources: ArtifactReport) => void }) {
  const { jobId, onLoaded } = params;
  return loadBrowserArtifacts({
    onProgress: (done, total) => post({ type: 'progress', jobId, stage: 'artifacts', done, total }),
    ...(onLoaded ? { onLoaded } : {}),
  });
}

/** Reports the job's 'proving' stage with how long a proof should take (the page's progress bar runs on it). */
function postProving(params: { jobId: number; done: number; total: number }): void {
  post({
    type: 'progress',
    ...params,
    stage: 'proving',
    estimateMs: Math.round(lastProofMs ?? FIRST_PROOF_ESTIMATE_MS),
  });
}

globalThis.addEventListener('message', (event: Event) => {
  const message = (event as MessageEvent<ProverRequest>).data;
  if (message?.type === 'prove') void prove(message);
  if (message?.type === 'revoke') void revoke(message);
  if (message?.type === 'warm') void warm(message);
  if (message?.type === 'claim') void claim(message);
  if (message?.type === 'possession') void possession(message);
});

/** The proof of possession for an issuer, sent to the issuer from here (one proof, ≈ 1 s). */
async function possession(message: PossessionMessage): Promise<void> {
  const { jobId } = message;
  try {
    const artifacts = await loadArtifactsFor({ jobId });
    postProving({ jobId, done: 0, total: 1 });
    const started = performance.now();
    await provePossession({
      possession: { ...message.possession, holderCommitment: BigInt(message.possession.holderCommitment) },
      holderSecret: BigInt(message.holderSecret),
      artifacts,
    });
    lastProofMs = performance.now() - started;
    post({ type: 'possession-proved', jobId, provingMs: lastProofMs });
  } catch (error) {
    console.error(error);
    post({ type: 'error', jobId, error: errorInWords(error) });
  }
}

/** RewardPool.campaignStatements: the issuer key a campaign names for a statement, 0 when it pays none. */
const CAMPAIGN_STATEMENTS_ABI = ['function campaignStatements(uint256, uint256) view returns (uint256)'];

async function claim(message: ClaimMessage): Promise<void> {
  const { jobId } = message;
  const reward = message.signedRequest.request.reward;
  const provider = new JsonRpcProvider(message.rpcUrl, message.chainId, { staticNetwork: true });
  try {
    if (!reward) throw new Error('This request pays no reward.');
    const pool = new Contract(reward.pool, CAMPAIGN_STATEMENTS_ABI, provider);
    const artifacts = await loadArtifactsFor({ jobId });
    postProving({ jobId, done: 0, total: 1 });
    const started = performance.now();
    const proved = await proveCampaignClaim({
      signedRequest: message.signedRequest,
      credentials: message.credentials,
      holderSecret: BigInt(message.holderSecret),
      recipient: message.recipient,
      artifacts,
      isCampaignStatement: async (statementHash) =>
        ((await pool.getFunction('campaignStatements').staticCall(reward.campaignId, statementHash)) as bigint) !== 0n,
    });
    lastProofMs = performance.now() - started;
    post({ type: 'progress', jobId, stage: 'proving', done: 1, total: 1 });
    post({ type: 'claim-proved', jobId, claim: proved });
  } catch (error) {
    console.error(error);
    post({ type: 'error', jobId, error: errorInWords(error) });
  } finally {
    provider.destroy();
  }
}

type Curves = { getCurveFromName: (name: string) => Promise<unknown> };

async function warm(message: WarmMessage): Promise<void> {
  try {
    const artifacts = await loadCachedArtifacts();
    // The curve snarkjs' prove picks up (ffjavascript keeps it in globalThis.curve_bn128) and, with
    // cached keys, the compiled witness calculator: the first proof then costs what later ones do.
    if (artifacts) await warmUpProver(artifacts);
    else await (snarkjs as unknown as { curves: Curves }).curves.getCurveFromName('bn128');
    post({ type: 'warmed', jobId: message.jobId, keysFromCache: artifacts !== null });
  } catch (error) {
    post({ type: 'error', jobId: message.jobId, error: errorInWords(error) });
  }
}

async function revoke(message: RevokeMessage): Promise<void> {
  const { jobId } = message;
  try {
    const artifacts = await loadArtifactsFor({ jobId });
    postProving({ jobId, done: 0, total: 1 });
    const confirmation = await revokeConsent({
      receipt: message.receipt,
      signedRequest: message.signedRequest,
      credentials: message.credentials,
      holderSecret: BigInt(message.holderSecret),
      artifacts,
    });
    post({ type: 'revoked', jobId, confirmation });
  } catch (error) {
    console.error(error);
    post({ type: 'error', jobId, error: errorInWords(error) });
  }
}

async function prove(message: ProveMessage): Promise<void> {
  const { jobId } = message;
  try {
    const started = performance.now();
    let report: ArtifactReport = { wasm: 'memory', zkey: 'memory' };
    const artifacts = await loadArtifactsFor({
      jobId,
      onLoaded: (sources) => {
        report = sources;
      },
    });
    const loaded = performance.now();
    let proofStarted = loaded;
    const bundle = await proveRequest({
      signedRequest: message.signedRequest,
      credentials: message.credentials,
      holderSecret: BigInt(message.holderSecret),
      recipient: message.recipient,
      artifacts,
      onProgress: (done, total) => {
        const at = performance.now();
        if (done > 0) lastProofMs = at - proofStarted;
        proofStarted = at;
        postProving({ jobId, done, total });
      },
    });
    const finished = performance.now();
    post({
      type: 'done',
      jobId,
      bundle,
      timings: {
        artifactsMs: loaded - started,
        provingMs: finished - loaded,
        proofs: bundle.proofs.length,
        artifacts: report,
      },
    });
  } catch (error) {
    console.error(error);
    post({ type: 'error', jobId, error: errorInWords(error) });
  }
}
