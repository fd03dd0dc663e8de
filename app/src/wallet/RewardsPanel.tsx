// "Your rewards": the token balance, rewards waiting to be claimed (with a Claim button: the
// merchant relays the claim, so no ETH is needed), and the claims made with their transaction.
// anvil has no block explorer: each claim shows its transaction hash and block number, and links
// to an explorer only when the configuration names one.
import type { ConsentReceipt } from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { useEffect, useState } from 'react';
import type { AppConfig } from '../shared/config.ts';
import { formatDate } from '../shared/format.ts';
import { readTransactionBlock } from '../shared/tokenBalance.ts';
import type { UnclaimedReward } from './unclaimedRewards.ts';

export type RewardsToken = { symbol: string; decimals: number };

type Block = { blockNumber: number; ok: boolean } | 'unknown';

export function RewardsPanel(props: {
  config: AppConfig;
  balance: string;
  recipient: string | null;
  receipts: readonly { url: string; value: ConsentReceipt }[];
  unclaimed: readonly UnclaimedReward[];
  claiming: string | null;
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
    <section aria-labelledby="rewards-heading" id="rewards" data-testid="rewards-panel">
      <h2 id="rewards-heading">Your rewards</h2>
      <dl className="facts">
        <dt>Balance</dt>
        <dd data-testid="rewards-balance">{props.balance}</dd>
        <dt>Paid to</dt>
        <dd className="mono">{props.recipient ?? '…'}</dd>
        <dt>Claims made</dt>
        <dd data-testid="claims-count">{paid.length}</dd>
      </dl>
      {waiting.length > 0 ? (
        <>
          <h3>Waiting to be claimed</h3>
          <ul className="cards" data-testid="unclaimed-list">
            {waiting.map((receipt) => {
              const kept = props.unclaimed.find((item) => item.receiptId === receipt.id);
              const claiming = props.claiming === receipt.id;
              return (
                <li key={receipt.id} data-testid="unclaimed-item" data-request-id={receipt.requestId}>
                  <p>
                    {amount(receipt.reward?.amount ?? '0')} from {receipt.merchant.name} for your answer of{' '}
                    {formatDate(receipt.createdAt)}: recorded, not paid yet.
                  </p>
                  {kept ? (
                    <button
                      type="button"
                      data-testid="claim-button"
                      onClick={() => props.onClaim(receipt.id)}
                      disabled={props.claiming !== null}
                      aria-busy={claiming}
                    >
                      {claiming ? 'Claiming…' : `Claim ${amount(receipt.reward?.amount ?? '0')}`}
                    </button>
                  ) : (
                    <p className="muted">
                      This device no longer holds the answer needed to claim it; ask {receipt.merchant.name} to pay it.
                    </p>
                  )}
                  <p className="muted">The merchant sends the claim and pays its fee: you need no ETH.</p>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h3>Claims made</h3>
      {paid.length === 0 ? <p className="muted">No reward paid yet.</p> : null}
      <ul className="cards" data-testid="claim-list">
        {paid.map((receipt) => {
          const hash = receipt.reward?.txHash ?? '';
          const block = blocks[hash];
          return (
            <li key={receipt.id} data-testid="claim-item" data-tx-hash={hash} data-request-id={receipt.requestId}>
              <dl className="facts">
                <dt>Amount</dt>
                <dd>{amount(receipt.reward?.amount ?? '0')}</dd>
                <dt>From</dt>
                <dd>{receipt.merchant.name}</dd>
                <dt>For your answer of</dt>
                <dd>{formatDate(receipt.createdAt)}</dd>
                <dt>Transaction</dt>
                <dd className="mono" data-testid="claim-tx">
                  {config.explorer ? (
                    <a href={`${config.explorer}tx/${hash}`} target="_blank" rel="noreferrer">
                      {hash}
                    </a>
                  ) : (
                    hash
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
            </li>
          );
        })}
      </ul>
      {paid.length > 0 && !config.explorer ? (
        <p className="muted">
          This chain has no block explorer: the transaction hash and block number identify each payment.
        </p>
      ) : null}
    </section>
  );
}
