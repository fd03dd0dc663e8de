import type { ConsentReceipt } from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { shorten } from '../shared/format.ts';

/** Consent receipts: what was shared with whom, why, for how long, and what was paid. */
export function ReceiptList(props: {
  receipts: readonly { url: string; value: ConsentReceipt }[];
  token: { symbol: string; decimals: number };
}) {
  const sorted = [...props.receipts].sort((a, b) => b.value.createdAt.localeCompare(a.value.createdAt));
  return (
    <section aria-labelledby="receipts-heading">
      <h2 id="receipts-heading">Your consent receipts</h2>
      {sorted.length === 0 ? <p className="muted">You have not answered any request yet.</p> : null}
      <ul className="cards" data-testid="receipt-list">
        {sorted.map(({ url, value: receipt }) => (
          <li key={url} data-testid="receipt-item" data-request-id={receipt.requestId}>
            <h3>{receipt.merchant.name}</h3>
            <dl className="facts">
              <dt>You proved</dt>
              <dd>{receipt.predicates.join('; ')}</dd>
              <dt>Purpose</dt>
              <dd>{receipt.purpose.text}</dd>
              <dt>Kept for</dt>
              <dd>{receipt.retentionDays} days</dd>
              <dt>Answered</dt>
              <dd>{new Date(receipt.createdAt).toLocaleString()}</dd>
              <dt>Reward</dt>
              <dd>
                {receipt.reward
                  ? `${formatUnits(receipt.reward.amount, props.token.decimals)} ${props.token.symbol}${
                      receipt.reward.txHash ? ` (transaction ${shorten(receipt.reward.txHash)})` : ''
                    }`
                  : 'none'}
              </dd>
              <dt>Status</dt>
              <dd>{receipt.status === 'revoked' ? `revoked ${receipt.revokedAt ?? ''}` : 'active'}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
