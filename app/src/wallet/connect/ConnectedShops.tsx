// The shops connected to the person's pod, each with a button that closes its address. Shown on
// the connect screen and in Settings.
import type { MerchantInbox } from '@decdp/sdk/pod';
import { formatDate } from '../../shared/format.ts';
import { Button, Card, CardList, Empty, Loading, Section, Unlink } from '../../shared/ui/index.ts';
import type { ConnectedShops as Shops } from './useConnectedShops.ts';

export function ConnectedShops(props: { shops: Shops }) {
  const { shops, busy, close } = props.shops;
  return (
    <Section title="Connected shops" testId="connected-shops">
      {shops === null ? <Loading>Reading the shops connected to your pod…</Loading> : null}
      {shops?.length === 0 ? (
        <Empty testId="no-connected-shops">
          No shop is connected. Shops reach you by link or QR code, which tells them nothing about you.
        </Empty>
      ) : null}
      <CardList>
        {(shops ?? []).map((shop: MerchantInbox) => (
          <Card
            as="li"
            key={shop.id}
            data-testid="connected-shop"
            data-merchant={shop.merchant.address}
            data-inbox={shop.inbox}
          >
            <dl className="facts">
              <dt>Shop</dt>
              <dd>{shop.merchant.name}</dd>
              <dt>Its service</dt>
              <dd className="mono">{shop.merchant.origin}</dd>
              <dt>Connected on</dt>
              <dd>{formatDate(shop.openedAt)}</dd>
            </dl>
            <Button
              variant="danger"
              icon={Unlink}
              data-testid="close-shop-button"
              aria-label={`Close its address: ${shop.merchant.name}'s inbox in your pod`}
              disabled={busy !== null}
              busy={busy === shop.id}
              onClick={() => void close(shop)}
            >
              {busy === shop.id ? 'Closing…' : 'Close its address'}
            </Button>
          </Card>
        ))}
      </CardList>
    </Section>
  );
}
