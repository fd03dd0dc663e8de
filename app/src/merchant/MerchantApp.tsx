// The merchant demo page: ask for proofs, watch the verified light records arrive, see the
// campaign's money. This file is the frame (header, status, refresh, navigation); the screens are
// in screens.tsx, what they read in state/MerchantState.tsx.
import { useState } from 'react';
import { NavLink, Outlet, RouterProvider } from 'react-router';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { screenRouter } from '../shared/screenRouter.tsx';
import { Button, Field, Icon, LogIn, RefreshCw, Store, Toasts } from '../shared/ui/index.ts';
import { merchantScreens } from './screens.tsx';
import { AUTO_REFRESH_MS, MerchantProvider, useMerchant } from './state/MerchantState.tsx';

const router = screenRouter(
  <MerchantProvider>
    <MerchantFrame />
  </MerchantProvider>,
  merchantScreens,
);

export function MerchantApp() {
  return <RouterProvider router={router} />;
}

/** The operator logs in with an API token (`decdp-merchant tokens create`); kept for this tab only. */
function TokenLogin(props: { onToken: (token: string) => void; refused: boolean }) {
  const [token, setToken] = useState('');
  return (
    <form
      aria-labelledby="token-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim()) props.onToken(token.trim());
      }}
    >
      <h2 id="token-heading">Operator login</h2>
      {props.refused ? <p role="alert">The service refused this token (wrong, expired or revoked).</p> : null}
      <Field label="Operator token">
        {(control) => (
          <input
            {...control}
            data-testid="operator-token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" icon={LogIn} data-testid="operator-login">
        Log in
      </Button>
      <p className="muted">Create one with `npx decdp-merchant tokens create --name "my page"`.</p>
    </form>
  );
}

function MerchantFrame() {
  const merchant = useMerchant();
  const { info, error, updatedAt } = merchant;
  return (
    <>
      <header>
        <h1>
          <Icon icon={Store} /> DeCDP merchant{info ? `: ${info.merchant.name}` : ''}
        </h1>
        <p className="muted">
          Ask customers to prove what you need. You receive a proof and a pseudonym, never their data.
        </p>
      </header>
      <main>
        <StatusRegion message={merchant.status} />
        {error ? <ErrorNotice error={error} /> : null}
        {merchant.config && !merchant.operatorToken ? (
          <TokenLogin onToken={merchant.logIn} refused={merchant.tokenRefused} />
        ) : null}
        <section aria-label="Refresh">
          <Button
            icon={RefreshCw}
            data-testid="merchant-refresh"
            onClick={() => void merchant.refresh(true)}
            disabled={!merchant.config}
          >
            Refresh now
          </Button>
          <input
            id="auto-refresh"
            type="checkbox"
            data-testid="merchant-auto-refresh"
            checked={merchant.autoRefresh}
            onChange={(event) => merchant.setAutoRefresh(event.target.checked)}
          />{' '}
          <label htmlFor="auto-refresh">Refresh every {AUTO_REFRESH_MS / 1000} seconds</label>
          {updatedAt ? (
            <span className="muted"> (last update {new Date(updatedAt * 1000).toLocaleTimeString()})</span>
          ) : null}
        </section>
        <nav aria-label="Merchant sections" className="sections" data-testid="merchant-nav">
          {merchantScreens.map((screen) => (
            <NavLink key={screen.path} to={`/${screen.path}`} data-testid={`nav-${screen.path}`}>
              {screen.icon ? <Icon icon={screen.icon} /> : null}
              {screen.label}
            </NavLink>
          ))}
        </nav>
        <Outlet />
      </main>
      <Toasts />
    </>
  );
}
