import { describePredicate, type RequestPredicate, type SignedRequest } from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { formatRelative } from '../shared/format.ts';

function describeSafely(predicate: RequestPredicate): string {
  try {
    return describePredicate(predicate);
  } catch {
    return `${predicate.attribute} ${predicate.op}`;
  }
}

/** The merchant's open (signed, not yet expired) requests. */
export function OpenRequests(props: { requests: readonly SignedRequest[]; now: number }) {
  return (
    <section aria-labelledby="open-requests-heading">
      <h2 id="open-requests-heading">Open requests</h2>
      {props.requests.length === 0 ? <p className="muted">No open requests.</p> : null}
      <ul className="cards" data-testid="merchant-request-list">
        {props.requests.map(({ request }) => (
          <li key={request.id} data-testid="merchant-request-item" data-request-id={request.id}>
            <dl className="facts">
              <dt>Request</dt>
              <dd className="mono">{request.id}</dd>
              <dt>Asks to prove</dt>
              <dd>{request.predicates.map(describeSafely).join('; ')}</dd>
              <dt>Purpose</dt>
              <dd>{request.purpose.text}</dd>
              <dt>Kept for</dt>
              <dd>{request.retentionDays} days</dd>
              <dt>Reward</dt>
              <dd>{request.reward ? `${formatUnits(request.reward.amount, 18)} tokens` : 'none'}</dd>
              <dt>Open until</dt>
              <dd>{formatRelative(request.expiresAt, props.now)}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
