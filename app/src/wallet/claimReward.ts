// "Claim reward": an answer the merchant recorded but whose reward was not paid. The wallet makes a
// fresh proof for the campaign the request's `reward` names — the campaign's predicate, its scope,
// this person's reward address for that merchant, made now — in the prover worker, and sends it to the
// merchant's POST /claims. The merchant checks it and relays the claim (it pays the gas; the
// person needs no ETH); the pool pays the address inside the proof, so nobody can redirect it.
// A fresh proof means no 10-minute answer window: a claim works as long as the campaign runs.
import { type ConsentReceipt, merchantServiceOf, type SignedRequest } from '@decdp/sdk/protocol';
import { RemoteError } from '../shared/errors.ts';
import { type ClaimResult, sendClaim } from '../shared/merchantService.ts';
import { waitForTransaction } from '../shared/tokenBalance.ts';
import { saveReceipt } from './pod.ts';
import { type ProofProgress, proveClaimInWorker } from './proveInWorker.ts';
import { queueReceipt } from './receiptOutbox.ts';
import { recipientForAnswer } from './rewards/rewardAccounts.ts';
import type { WalletContext } from './walletContext.ts';

export type ClaimStep =
  | { step: 'proving'; progress: ProofProgress | null }
  | { step: 'sending' }
  | { step: 'confirming'; txHash: string; blockNumber: number }
  | { step: 'done'; txHash: string; blockNumber: number };

export async function claimReward(
  params: WalletContext & {
    /** The answered request (kept in the pod); its `reward` names the campaign. */
    signedRequest: SignedRequest;
    receipt: ConsentReceipt;
    onStep?: (step: ClaimStep) => void;
    signal?: AbortSignal;
  },
): Promise<{ receipt: ConsentReceipt; claim: ClaimResult }> {
  const { config, signedRequest } = params;
  const onStep = params.onStep ?? (() => {});
  if (!signedRequest.request.reward) {
    throw new RemoteError({ code: 'NO_REWARD', message: 'This request pays no reward.' });
  }
  onStep({ step: 'proving', progress: null });
  const proof = await proveClaimInWorker({
    signedRequest,
    credentials: params.credentials,
    holderSecret: params.wallet.holderSecret,
    // Paid to this merchant's own reward address, as the answer would have been.
    recipient: await recipientForAnswer({ ...params, signedRequest, holderSecret: params.wallet.holderSecret }),
    rpcUrl: config.rpcUrl,
    chainId: config.chainId,
    onProgress: (progress) => onStep({ step: 'proving', progress }),
    ...(params.signal ? { signal: params.signal } : {}),
  });
  onStep({ step: 'sending' });
  const claim = await sendClaim(merchantServiceOf(signedRequest), proof);
  onStep({ step: 'confirming', txHash: claim.txHash, blockNumber: claim.blockNumber });
  await waitForTransaction({ rpcUrl: config.rpcUrl, chainId: config.chainId, txHash: claim.txHash });
  const reward = params.receipt.reward ?? { amount: claim.amount, token: config.contracts.token, txHash: null };
  const receipt: ConsentReceipt = { ...params.receipt, reward: { ...reward, txHash: claim.txHash } };
  try {
    await saveReceipt({ podUrl: params.podUrl, receipt, fetch: params.fetch });
  } catch {
    queueReceipt(localStorage, params.webId, receipt);
  }
  onStep({ step: 'done', txHash: claim.txHash, blockNumber: claim.blockNumber });
  return { receipt, claim };
}
