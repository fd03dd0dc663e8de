import {
  describePredicate,
  type RequestPredicate,
  requestLink,
  requestQrCode,
  type SignedRequest,
} from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { useEffect, useState } from 'react';
import { formatRelative } from '../shared/format.ts';
import { Card, CardList, Empty, Section } from '../shared/ui/index.ts';

function describeSafely(predicate: RequestPredicate): string {
  try {
    return describePredicate(predicate);
  } catch {
    return `${predicate.attribute} ${predicate.op}`;
  }
}

/**
 * How a person gets the request without any central list: a link carrying the whole signed
 * request, and a QR code of a short link to GET /requests/:id (docs/interfaces.md "Request links").
 */
function ShareRequest(props: { signed: SignedRequest; walletUrl: string }) {
  const link = requestLink({ walletUrl: props.walletUrl, signedRequest: props.signed });
  const shortLink = requestLink({
    walletUrl: props.walletUrl,
    requestUrl: `${props.signed.request.merchant.requestEndpoint}/${props.signed.request.id}`,
  });
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    requestQrCode({ link: shortLink })
      .then((drawn) => current && setSvg(drawn))
      .catch(() => current && setSvg(null));
    return () => {
      current = false;
    };
  }, [shortLink]);
  return (
    <div className="share">
      <a href={link} data-testid="request-link" target="_blank" rel="noopener">
        Link to this request
      </a>
      {svg ? (
        <img
          data-testid="request-qr"
          data-link={shortLink}
          alt={`QR code opening the wallet on request ${props.signed.request.id}`}
          width={160}
          height={160}
          src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
        />
      ) : null}
    </div>
  );
}

/** The merchant's open (signed, not yet expired) requests. */
export function OpenRequests(props: { requests: readonly SignedRequest[]; now: number; walletUrl: string }) {
  return (
    <Section title="Open requests">
      {props.requests.length === 0 ? <Empty>No open requests.</Empty> : null}
      <CardList data-testid="merchant-request-list">
        {props.requests.map((signed) => {
          const { request } = signed;
          return (
            <Card as="li" key={request.id} data-testid="merchant-request-item" data-request-id={request.id}>
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
              <ShareRequest signed={signed} walletUrl={props.walletUrl} />
            </Card>
          );
        })}
      </CardList>
    </Section>
  );
}
