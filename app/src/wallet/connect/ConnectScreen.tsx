// Screen "Connect a shop" (#/connect?merchant=<shop service URL>, opened from a shop's link or
// from Settings): who the shop is (its GET /config), what connecting gives away in plain words,
// and only the person's click opens the shop's own inbox in the pod. Links and QR codes stay the
// default: they need no connection and tell the shop nothing about the person.
import { shopUrl } from '@decdp/sdk/protocol';
import { previewMerchant, type ShopPreview } from '@decdp/sdk/wallet';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { errorInWords } from '../../shared/errors.ts';
import { Actions, Button, Card, Link, Loading, Notice, Search, Section, TextField } from '../../shared/ui/index.ts';
import { useLoadedWallet } from '../state/WalletState.tsx';
import { ConnectedShops } from './ConnectedShops.tsx';
import { useConnectedShops } from './useConnectedShops.ts';

type Preview = { state: 'loading' } | { state: 'shop'; shop: ShopPreview } | { state: 'failed'; message: string };

export function ConnectScreen() {
  const { pod } = useLoadedWallet();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const shops = useConnectedShops();
  const merchantUrl = params.get('merchant');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [typed, setTyped] = useState('');

  useEffect(() => {
    if (!merchantUrl) {
      setPreview(null);
      return;
    }
    let stale = false;
    setPreview({ state: 'loading' });
    previewMerchant({ merchantUrl })
      .then((shop) => !stale && setPreview({ state: 'shop', shop }))
      .catch((error: unknown) => !stale && setPreview({ state: 'failed', message: errorInWords(error).message }));
    return () => {
      stale = true;
    };
  }, [merchantUrl]);

  const shop = preview?.state === 'shop' ? preview.shop : null;
  const already = shop ? shops.connectedAs(shop.address, shop.origin) : undefined;
  return (
    <>
      <Section title="Connect a shop" testId="connect-screen">
        {merchantUrl === null ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              try {
                setParams({ merchant: shopUrl(typed.trim()) });
              } catch (error) {
                setPreview({ state: 'failed', message: errorInWords(error).message });
              }
            }}
          >
            <TextField
              label="The shop's address (its DeCDP service)"
              type="url"
              data-testid="connect-shop-url"
              value={typed}
              onValue={setTyped}
              placeholder="https://shop.example/"
            />
            <Button type="submit" icon={Search} data-testid="connect-look-up" disabled={!typed.trim()}>
              Look it up
            </Button>
          </form>
        ) : null}
        {preview?.state === 'loading' ? <Loading>Asking the shop who it is…</Loading> : null}
        {preview?.state === 'failed' ? (
          <Notice tone="error" testId="connect-failed">
            {preview.message}
          </Notice>
        ) : null}
        {shop ? (
          <Card data-testid="connect-shop" data-merchant={shop.address}>
            <p>
              <strong>{shop.name}</strong> (<span className="mono">{shop.origin}</span>) would like to send requests to
              your pod.
            </p>
            <Notice tone="warning" testId="connect-warning">
              <p>
                <strong>Connecting tells this shop where your pod is.</strong> It gets an address inside your pod (
                <span className="mono">{pod.podUrl}</span>…). A pod address can identify you — it often contains your
                name — so {shop.name} may learn who you are and recognise all your answers to it as yours.
              </p>
              <p>
                You do not need this to get requests: links and QR codes reach you without any connection and tell the
                shop nothing about you. They stay the default.
              </p>
              <p>
                The address is for {shop.name} alone: no one else can put anything there, and you can close it at any
                time (here or in Settings).
              </p>
            </Notice>
            {already ? (
              <p data-testid="connect-already">{shop.name} is already connected (listed below).</p>
            ) : (
              <Actions>
                <Button
                  variant="primary"
                  icon={Link}
                  data-testid="connect-button"
                  busy={shops.busy !== null}
                  onClick={() => void shops.connect(merchantUrl ?? '')}
                >
                  {shops.busy !== null ? 'Connecting…' : `Connect ${shop.name}`}
                </Button>
                <Button data-testid="connect-cancel" onClick={() => navigate('/requests')}>
                  Not now
                </Button>
              </Actions>
            )}
          </Card>
        ) : null}
      </Section>
      <ConnectedShops shops={shops} />
    </>
  );
}
