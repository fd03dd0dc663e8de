// Approve = prove in the worker (or take the proof prepared while the person read) → send to the merchant → keep a consent receipt in the pod →
// wait for the reward transaction. Each step is reported so the page can say what is happening.
import { type ConsentReceipt, merchantServiceOf, type ProofBundle, type SignedRequest } from '@decdp/sdk/protocol';
import { checkRequestReward } from '@decdp/sdk/wallet';
import { RemoteError } from '../shared/errors.ts';
import { type AnswerResult, answerRequest } from '../shared/merchantService.ts';
import { getProvider, waitForTransaction } from '../shared/tokenBalance.ts';
import { answersBeingSent, forgetSending, rememberSending } from './answerOutbox.ts';
import { buildConsentReceipt } from './buildConsentReceipt.ts';
import { saveReceipt, saveSignedRequest } from './pod.ts';
import { takeProof } from './preparedProofs.ts';
import type { ProofProgress } from './proveInWorker.ts';
import type { ProverTimings } from './proverMessages.ts';
import { queueReceipt } from './receiptOutbox.ts';
import { recipientForAnswer } from './rewards/rewardAccounts.ts';
import type { WalletContext } from './walletContext.ts';

export type ApproveStep =
  | { step: 'proving'; progress: ProofProgress | null }
  | { step: 'sending' }
  | { step: 'saving-receipt' }
  | { step: 'waiting-for-reward'; txHash: string };

export type ApproveResult = {
  answer: AnswerResult;
  receipt: ConsentReceipt;
  /** Null when the pod could not take the receipt: it waits in the outbox (receiptOutbox.ts). */
  receiptUrl: string | null;
  timings: ProverTimings;
  /** The proof was made while the person read the request (preparedProofs.ts), not after Approve. */
  prepared: boolean;
};

export async function approveRequest(
  params: WalletContext & {
    signedRequest: SignedRequest;
    onStep: (step: ApproveStep) => void;
    /** Cancels the proof (terminates the prover); after the proof is sent it is too late. */
    signal?: AbortSignal;
  },
): Promise<ApproveResult> {
  const { config, signedRequest, onStep } = params;
  onStep({ step: 'proving', progress: null });
  const [, recipient] = await Promise.all([
    // A reward that is not the campaign on our chain would make the proof reveal another nullifier.
    checkRequestReward({
      signedRequest,
      runner: getProvider(config.rpcUrl, config.chainId),
      chainId: config.chainId,
      pool: config.contracts.pool,
    }),
    // This merchant's own reward address, or none when the request pays nothing.
    recipientForAnswer({ ...params, signedRequest, holderSecret: params.wallet.holderSecret }),
  ]);
  // Made while the person read the request when it could be (kept on this device until now).
  const { bundle, timings, prepared } = await takeProof({
    signedRequest,
    credentials: params.credentials,
    holderSecret: params.wallet.holderSecret,
    recipient,
    onProgress: (progress) => onStep({ step: 'proving', progress }),
    ...(params.signal ? { signal: params.signal } : {}),
  });
  onStep({ step: 'sending' });
  const { answer, receipt, receiptUrl } = await sendAndKeep(params, signedRequest, bundle, () =>
    onStep({ step: 'saving-receipt' }),
  );
  if (answer.reward?.txHash) {
    onStep({ step: 'waiting-for-reward', txHash: answer.reward.txHash });
    await waitForTransaction({ rpcUrl: config.rpcUrl, chainId: config.chainId, txHash: answer.reward.txHash });
  }
  return { answer, receipt, receiptUrl, timings, prepared };
}

type PodPlace = Pick<WalletContext, 'config' | 'podUrl' | 'webId' | 'fetch'>;

/**
 * Sends the proof and keeps its receipt. What is sent is written down first (answerOutbox.ts) and
 * crossed out only once the receipt is kept, so a reload in between can always finish the answer.
 */
async function sendAndKeep(
  params: PodPlace,
  signedRequest: SignedRequest,
  bundle: ProofBundle,
  onSent: () => void = () => {},
): Promise<{ answer: AnswerResult; receipt: ConsentReceipt; receiptUrl: string | null }> {
  rememberSending(localStorage, params.webId, { signedRequest, bundle, sentAt: new Date().toISOString() });
  let answer: AnswerResult;
  try {
    // To the service that signed the request (its requestEndpoint), never a configured one.
    answer = await answerRequest(merchantServiceOf(signedRequest), signedRequest.request.id, bundle);
  } catch (error) {
    // Refused (not merely unreachable): the merchant kept nothing, so there is nothing to finish.
    if (error instanceof RemoteError && error.code !== 'NETWORK')
      forgetSending(localStorage, params.webId, signedRequest);
    throw error;
  }
  onSent();
  const receipt = buildConsentReceipt({ signedRequest, bundle, answer });
  // Both at once (two documents): revoking this answer later needs the signed request (its scope),
  // which the merchant may forget; and the merchant has recorded the answer, so from here on the
  // receipt must not be lost.
  const [, receiptUrl] = await Promise.all([
    saveSignedRequest({ podUrl: params.podUrl, signedRequest, fetch: params.fetch }).catch(() => {}),
    saveReceipt({ podUrl: params.podUrl, receipt, fetch: params.fetch }).catch(() => {
      queueReceipt(localStorage, params.webId, receipt);
      return null;
    }),
  ]);
  forgetSending(localStorage, params.webId, signedRequest);
  return { answer, receipt, receiptUrl };
}

/**
 * Finishes the answers a reload or a crash interrupted while they were being sent: the same proof
 * again (the merchant answers with the record it kept, or records it now), then the receipt.
 * Returns the merchants' names of those finished; throws the first failure (the rest stay written down).
 */
export async function finishInterruptedAnswers(params: PodPlace): Promise<string[]> {
  const finished: string[] = [];
  for (const { signedRequest, bundle } of answersBeingSent(localStorage, params.webId)) {
    await sendAndKeep(params, signedRequest, bundle);
    finished.push(signedRequest.request.merchant.name);
  }
  return finished;
}
