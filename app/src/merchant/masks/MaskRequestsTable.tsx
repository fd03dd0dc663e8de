// The requests the merchant sent to masks' members: what each asked, until when, how many members
// answered (never which ones) and what was paid. "Pay N answers" sends the rewards to the
// addresses the answers named, after a confirmation: token transfers cannot be undone. The
// transfers paid so far (read with the requests, so they outlive a reload) are listed under each
// request as short hashes with copy buttons; an uncertain one says so.
import { Fragment } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { formatRelative, formatUnixTime, plural } from '../../shared/format.ts';
import { ShortValue } from '../../shared/ShortValue.tsx';
import { Badge, Button, Coins, ConfirmDialog, DataTable, Empty } from '../../shared/ui/index.ts';
import { useTransaction } from '../state/useTransaction.ts';
import { type MaskPayout, type MaskRequestView, payMaskAnswers } from './maskApi.ts';
import { answersInWords, payLabel, payoutsInWords, payQuestion, tokenName, tokens, tokensTimes } from './maskWords.ts';

export function MaskRequestsTable(props: {
  requests: readonly MaskRequestView[];
  symbol: string;
  onPaid: (payout: MaskPayout) => void;
}) {
  const { working, error, dismissError, run } = useTransaction('waiting for the transfers to confirm…');
  /** What paying a request does, in words: the status line's and the busy button's label. */
  const payment = (request: MaskRequestView) => `${payLabel(request.unpaid)} of “${request.purpose}”`;

  const pay = (request: MaskRequestView, symbol: string) =>
    run(payment(request), async (service, token) => {
      const payout = await payMaskAnswers(service, request.id, token);
      props.onPaid(payout);
      const amount = tokensTimes(request.reward?.amount ?? '0', payout.sent.length);
      return `Paid ${plural(payout.sent.length, 'answer')} of “${request.purpose}”: ${amount} ${symbol} sent.`;
    });

  if (props.requests.length === 0) {
    return <Empty testId="mask-requests-empty">You have not asked any mask’s members yet.</Empty>;
  }
  return (
    <>
      {error ? <ErrorNotice error={error} testId="mask-pay-error" onDismiss={dismissError} /> : null}
      <DataTable
        label="Requests sent to masks"
        testId="mask-requests"
        columns={['Purpose', 'Mask', 'Reward per answer', 'Expires', 'Answers', 'Payouts']}
      >
        {props.requests.map((request) => {
          const symbol = tokenName(request.reward, props.symbol);
          const transfers = request.payouts;
          return (
            <Fragment key={request.id}>
              <tr data-testid="mask-request-row" data-request-id={request.id}>
                <td>{request.purpose}</td>
                <td>{request.maskName}</td>
                <td>{request.reward ? `${tokens(request.reward.amount)} ${symbol}` : 'none'}</td>
                <td>
                  <Badge tone={request.status === 'open' ? 'success' : 'neutral'} testId="mask-request-status">
                    {request.status}
                  </Badge>{' '}
                  <span title={formatUnixTime(request.expiresAt)}>
                    {request.status === 'open' ? 'closes' : 'closed'} {formatRelative(request.expiresAt)}
                  </span>
                </td>
                <td data-testid="mask-request-answers" data-count={request.answers}>
                  {answersInWords(request)}
                </td>
                <td
                  data-testid="mask-request-payouts"
                  data-paid={request.paid}
                  data-unpaid={request.unpaid}
                  data-uncertain={request.uncertain}
                >
                  <p data-testid="mask-request-payouts-words">{payoutsInWords(request, symbol)}</p>
                  {request.reward && request.unpaid > 0 ? (
                    <ConfirmDialog
                      trigger={
                        <Button
                          variant="primary"
                          size="small"
                          icon={Coins}
                          busy={working === payment(request)}
                          disabled={working !== null}
                          data-testid="mask-request-pay"
                        >
                          {payLabel(request.unpaid)}
                        </Button>
                      }
                      title={payQuestion(request, symbol)}
                      description="Token transfers cannot be undone. Each goes to the address the answer named, which that person keeps for your shop only."
                      confirmLabel={payLabel(request.unpaid)}
                      variant="primary"
                      onConfirm={() => void pay(request, symbol)}
                    />
                  ) : null}
                </td>
              </tr>
              {transfers.length > 0 ? (
                <tr data-testid="mask-request-transfers" data-request-id={request.id}>
                  <td colSpan={6}>
                    {plural(transfers.length, 'transfer')} sent for “{request.purpose}”:
                    <ul>
                      {transfers.map((transfer) => (
                        <li
                          key={`${transfer.txHash ?? 'uncertain'}-${transfer.recipient}`}
                          data-testid="mask-request-transfer"
                          data-uncertain={transfer.txHash === null}
                        >
                          {tokens(transfer.amount)} {symbol} to{' '}
                          <ShortValue
                            value={transfer.recipient}
                            label="the reward address"
                            testId="mask-payout-recipient"
                          />
                          {transfer.txHash ? (
                            <>
                              {' '}
                              in transaction{' '}
                              <ShortValue
                                value={transfer.txHash}
                                label="the transaction hash"
                                testId="mask-payout-tx"
                              />
                            </>
                          ) : (
                            ': outcome not recorded (never sent again: check the chain)'
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </DataTable>
    </>
  );
}
