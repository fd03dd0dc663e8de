// Claiming a reward the merchant's relay could not pay at answer time: the wallet proves a fresh
// claim and the merchant relays it (no ETH needed).
import { useState } from 'react';
import { shorten } from '../../shared/format.ts';
import { type ClaimStep, claimReward } from '../claimReward.ts';
import { requestOf, withReceipt } from './podState.ts';
import type { PodAccess } from './usePod.ts';

export type RewardClaims = {
  /** The claim being made and its step (proving with the bar, sending, confirming). */
  claimStep: { receiptId: string; step: ClaimStep } | null;
  /** Receipts a claim can be proved for (the signed request is at hand and the wallet unlocked). */
  claimable: string[];
  claim: (receiptId: string) => Promise<void>;
};

export function useRewardClaims(access: PodAccess, setWorking: (id: string | null) => void): RewardClaims {
  const { config, session, pod, setPod, report, setStatus, refreshBalance } = access;
  const [claimStep, setClaimStep] = useState<RewardClaims['claimStep']>(null);

  async function claim(receiptId: string) {
    const entry = pod?.receipts.items.find((candidate) => candidate.value.id === receiptId);
    if (!pod || !entry) return;
    const signedRequest = requestOf(pod, entry.value);
    if (!pod.wallet || !signedRequest) {
      report({
        code: pod.wallet ? 'REQUEST_NOT_FOUND' : 'WALLET_LOCKED',
        message: pod.wallet
          ? `The request you answered for ${entry.value.merchant.name} is no longer in your pod, so no claim can be proved for it.`
          : 'Unlock your wallet with your recovery phrase first.',
      });
      return;
    }
    const merchantName = entry.value.merchant.name;
    setWorking(receiptId);
    setStatus(`Proving your claim for ${merchantName}'s reward…`);
    try {
      const { receipt, claim: paid } = await claimReward({
        config,
        podUrl: pod.podUrl,
        webId: session.webId,
        fetch: session.fetch,
        wallet: pod.wallet,
        credentials: pod.credentials.items.map((item) => item.value),
        signedRequest,
        receipt: entry.value,
        onStep: (step) => {
          setClaimStep({ receiptId, step });
          if (step.step === 'sending') setStatus(`Sending your claim to ${merchantName}; they pay the fee…`);
          if (step.step === 'confirming') {
            setStatus(`Claim sent in transaction ${shorten(step.txHash, 10)}; waiting for the chain…`);
          }
        },
      });
      setPod((current) => (current ? withReceipt(current, receipt) : current));
      await refreshBalance(pod.wallet ?? pod.walletDocument ?? null);
      setStatus(`Reward paid by ${merchantName} (transaction ${shorten(paid.txHash, 10)}, block ${paid.blockNumber}).`);
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setWorking(null);
      setClaimStep(null);
    }
  }

  const claimable = pod?.wallet
    ? pod.receipts.items.filter((entry) => requestOf(pod, entry.value)?.request.reward).map((entry) => entry.value.id)
    : [];
  return { claimStep, claimable, claim };
}
