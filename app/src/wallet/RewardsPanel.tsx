// "Your rewards": the token balance, rewards waiting to be claimed (with a Claim button: the wallet
// proves a fresh claim and the merchant relays it, so no ETH is needed; the claim's progress, its
// transaction hash and block are shown), and the claims made with their transaction.
// anvil has no block explorer: each claim shows its transaction hash and block number, and links
// to an explorer only when the configuration names one.
import type { ConsentReceipt } from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { useEffect, useState } from 'react';
import type { AppConfig } from '../shared/config.ts';
import { formatDate, shorten } from '../shared/format.ts';
import { ShortValue } from '../shared/ShortValue.tsx';
import { readTransactionBlock } from '../shared/tokenBalance.ts';
import { Button, Card, CardList, Coins, Empty, ProgressBar, Section } from '../shared/ui/index.ts';
import type { ClaimStep } from './claimReward.ts';
import { useProofFraction } from './RequestCard.tsx';

export type RewardsToken = { symbol: string; decimals: number };

type Block = { blockNumber: number; ok: boolean } | 'unknown';

export function RewardsPanel(props: {
  config: AppConfig;
  /** The sum over all the wallet's reward addresses. */
  balance: string;
  receipts: readonly { url: string; value: ConsentReceipt }[];
  /** Receipts a claim can be proved for (the signed request is at hand and the wallet unlocked). */
  claimable: readonly string[];
  claiming: string | null;
  /** The claim being made and its step. */
  claimStep: { receiptId: string; step: ClaimStep } | null;
  token: RewardsToken;
  onClaim: (receiptId: string) => void;
}) {
  const { config, token } = props;
  const paid = props.receipts
    .map((entry) => entry.value)
    .filter((receipt) => receipt.reward?.txHash)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const waiting = props.receipts
    .map((entry) => entry.value)
    .filter((receipt) => receipt.status === 'active' && receipt.reward && !receipt.reward.txHash);
  const [blocks, setBlocks] = useState<Record<string, Block>>({});
  const hashes = paid.map((receipt) => receipt.reward?.txHash ?? '').join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: look blocks up when the set of claims changes.
  useEffect(() => {
    let stale = false;
    for (const hash of hashes.split(',').filter(Boolean)) {
      if (blocks[hash] && blocks[hash] !== 'unknown') continue;
      readTransactionBlock({ rpcUrl: config.rpcUrl, chainId: config.chainId, txHash: hash })
        .then((block) => {
          if (!stale) setBlocks((known) => ({ ...known, [hash]: block ?? 'unknown' }));
        })
        .catch(() => {
          if (!stale) setBlocks((known) => ({ ...known, [hash]: 'unknown' }));
        });
    }
    return () => {
      stale = true;
    };
  }, [hashes, config]);

  const amount = (value: string) => `${formatUnits(value, token.decimals)} ${token.symbol}`;
  return (
    <Section title="Your rewards" id="rewards" testId="rewards-panel">
      <dl className="facts">
        <dt>Balance</dt>
        <dd data-testid="rewards-balance">{props.balance}</dd>
        <dt>Paid to</dt>
        <dd>a different address of yours for each shop (below)</dd>
        <dt>Claims made</dt>
        <dd data-testid="claims-count">{paid.length}</dd>
      </dl>
      {waiting.length > 0 ? (
        <>
          <h3>Waiting to be claimed</h3>
          <CardList data-testid="unclaimed-list">
            {waiting.map((receipt) => {
              const kept = props.claimable.includes(receipt.id);
              const claiming = props.claiming === receipt.id;
              const step = props.claimStep?.receiptId === receipt.id ? props.claimStep.step : null;
              return (
                <Card as="li" key={receipt.id} data-testid="unclaimed-item" data-request-id={receipt.requestId}>
                  <p>
                    {amount(receipt.reward?.amount ?? '0')} from {receipt.merchant.name} for your answer of{' '}
                    {formatDate(receipt.createdAt)}: recorded, not paid yet.
                  </p>
                  {kept ? (
                    <Button
                      variant="primary"
                      icon={Coins}
                      data-testid="claim-button"
                      onClick={() => props.onClaim(receipt.id)}
                      disabled={props.claiming !== null}
                      busy={claiming}
                    >
                      {claiming ? 'Claiming…' : `Claim ${amount(receipt.reward?.amount ?? '0')}`}
                    </Button>
                  ) : (
                    <p className="muted">
                      The request you answered is not in your pod any more (or the wallet is locked), so no claim can be
                      proved for it here; ask {receipt.merchant.name} to pay it.
                    </p>
                  )}
                  {step ? <ClaimProgress step={step} /> : null}
                  <p className="muted">
                    Your wallet proves the claim afresh; the merchant sends it and pays its fee: you need no ETH.
                  </p>
                </Card>
              );
            })}
          </CardList>
        </>
      ) : null}
      <h3>Claims made</h3>
      {paid.length === 0 ? <Empty>No reward paid yet.</Empty> : null}
      <CardList data-testid="claim-list">
        {paid.map((receipt) => {
          const hash = receipt.reward?.txHash ?? '';
          const block = blocks[hash];
          return (
            <Card
              as="li"
              key={receipt.id}
              data-testid="claim-item"
              data-tx-hash={hash}
              data-request-id={receipt.requestId}
            >
              <dl className="facts">
                <dt>Amount</dt>
                <dd>{amount(receipt.reward?.amount ?? '0')}</dd>
                <dt>From</dt>
                <dd>{receipt.merchant.name}</dd>
                <dt>For your answer of</dt>
                <dd>{formatDate(receipt.createdAt)}</dd>
                <dt>Transaction</dt>
                <dd data-testid="claim-tx">
                  {config.explorer ? (
                    <a href={`${config.explorer}tx/${hash}`} target="_blank" rel="noreferrer" className="mono">
                      {shorten(hash, 10)}
                    </a>
                  ) : (
                    <ShortValue value={hash} short={shorten(hash, 10)} label="the transaction hash" />
                  )}
                </dd>
                <dt>Block</dt>
                <dd data-testid="claim-block">
                  {block === undefined
                    ? '…'
                    : block === 'unknown'
                      ? 'not found on this chain'
                      : `${block.blockNumber}${block.ok ? '' : ' (failed)'}`}
                </dd>
              </dl>
            </Card>
          );
        })}
      </CardList>
      {paid.length > 0 && !config.explorer ? (
        <p className="muted">
          This chain has no block explorer: the transaction hash and block number identify each payment.
        </p>
      ) : null}
    </Section>
  );
}

/** Where a claim is: the proof (a determinate bar), sending it, its transaction and block. */
function ClaimProgress(props: { step: ClaimStep }) {
  const { step } = props;
  // The bar moves with the time the worker expects the proof to take (snarkjs reports no steps).
  const fraction = useProofFraction(step.step === 'proving' ? step : { step: 'sending' });
  if (step.step === 'proving') {
    return (
      <div data-testid="claim-progress" data-step="proving">
        <ProgressBar
          label="Progress of your claim"
          fraction={fraction}
          words="proving your claim on this device…"
          testId="claim-progress-bar"
        />
      </div>
    );
  }
  if (step.step === 'sending') {
    return (
      <p data-testid="claim-progress" data-step="sending">
        Sending the claim to the merchant, who submits it to the chain…
      </p>
    );
  }
  return (
    <p data-testid="claim-progress" data-step={step.step}>
      {step.step === 'done' ? 'Paid' : 'Submitted, waiting for the chain'}: transaction{' '}
      <span className="mono" data-testid="claim-progress-tx">
        {step.txHash}
      </span>{' '}
      in block <span data-testid="claim-progress-block">{step.blockNumber}</span>.
    </p>
  );
}
