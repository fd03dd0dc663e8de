// Settings → "Connected shops": the list with Close, and the way to connect one (the connect screen).
import { Link } from 'react-router';
import { ConnectedShops } from './ConnectedShops.tsx';
import { useConnectedShops } from './useConnectedShops.ts';

export function ShopSettings() {
  const shops = useConnectedShops();
  return (
    <>
      <ConnectedShops shops={shops} />
      <p>
        <Link to="/connect" data-testid="connect-a-shop-link">
          Connect a shop…
        </Link>{' '}
        <span className="muted">
          (only if you want it to send requests to your pod; links and QR codes need nothing)
        </span>
      </p>
    </>
  );
}
