// The shops connected to the person's pod, each with a button that closes its address. Shown on
// the connect screen and in Settings.
import type { MerchantInbox } from '@decdp/sdk/pod';
import { formatDate } from '../../shared/format.ts';
import type { ConnectedShops as Shops } from './useConnectedShops.ts';

export function ConnectedShops(props: { shops: Shops }) {
  const { shops, busy, close } = props.shops;
  return (
    <section aria-labelledby="connected-shops-heading" data-testid="connected-shops">
      <h2 id="connected-shops-heading">Connected shops</h2>
      {shops === null ? <p className="muted">…</p> : null}
      {shops?.length === 0 ? (
        <p className="muted" data-testid="no-connected-shops">
          No shop is connected. Shops reach you by link or QR code, which tells them nothing about you.
        </p>
      ) : null}
      <ul className="cards">
        {(shops ?? []).map((shop: MerchantInbox) => (
          <li key={shop.id} data-testid="connected-shop" data-merchant={shop.merchant.address} data-inbox={shop.inbox}>
            <dl className="facts">
              <dt>Shop</dt>
              <dd>{shop.merchant.name}</dd>
              <dt>Its service</dt>
              <dd className="mono">{shop.merchant.origin}</dd>
              <dt>Connected on</dt>
              <dd>{formatDate(shop.openedAt)}</dd>
            </dl>
            <button
              type="button"
              data-testid="close-shop-button"
              aria-label={`Close its address: ${shop.merchant.name}'s inbox in your pod`}
              disabled={busy !== null}
              aria-busy={busy === shop.id}
              onClick={() => void close(shop)}
            >
              {busy === shop.id ? 'Closing…' : 'Close its address'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
