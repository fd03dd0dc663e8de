// The merchant demo page: ask for proofs, watch the verified light records arrive, see the
// campaign's money. This file is the frame (header, status, refresh, navigation); the screens are
// in screens.tsx, what they read in state/MerchantState.tsx.
import { useState } from 'react';
import { NavLink, Outlet, RouterProvider } from 'react-router';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { screenRouter } from '../shared/screenRouter.tsx';
import {
  Button,
  Card,
  CheckboxField,
  Icon,
  LogIn,
  Notice,
  RefreshCw,
  Store,
  TextField,
  Toasts,
} from '../shared/ui/index.ts';
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
    <Card as="section" title="Operator login" level={2}>
      <form
        aria-label="Operator login"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) props.onToken(token.trim());
        }}
      >
        {props.refused ? (
          <Notice tone="error">The service refused this token (wrong, expired or revoked).</Notice>
        ) : null}
        <TextField
          label="Operator token"
          hint={<>Create one with `npx decdp-merchant tokens create --name "my page"`.</>}
          data-testid="operator-token"
          type="password"
          autoComplete="off"
          value={token}
          onValue={setToken}
        />
        <Button type="submit" variant="primary" icon={LogIn} data-testid="operator-login">
          Log in
        </Button>
      </form>
    </Card>
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
          <CheckboxField
            label={`Refresh every ${AUTO_REFRESH_MS / 1000} seconds`}
            data-testid="merchant-auto-refresh"
            checked={merchant.autoRefresh}
            onChecked={merchant.setAutoRefresh}
            hint={updatedAt ? `Last update ${new Date(updatedAt * 1000).toLocaleTimeString()}.` : undefined}
          />
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
