// The link a shop publishes so that people who want it can connect the shop to their pod (the
// wallet's connect screen: it says what connecting gives away and asks before opening an inbox).
import { connectLink } from '@decdp/sdk/protocol';

export function ConnectShopLink(props: { walletUrl: string; merchantService: string }) {
  const link = connectLink({ walletUrl: props.walletUrl, merchantUrl: props.merchantService });
  return (
    <p data-testid="connect-shop-link-box">
      <a href={link} data-testid="connect-shop-link" target="_blank" rel="noopener">
        “Connect this shop” link
      </a>{' '}
      <span className="muted">
        for customers who want your requests in their pod (links and QR codes above work without it).
      </span>
    </p>
  );
}
