// The wallet page: log in to the pod, then one screen at a time (screens.tsx), each at its own
// address. This file is only the frame: header, status line, errors, login, the account bar,
// wallet setup and the navigation. What the screens read and do is in state/ (useWallet()).
import { useState } from 'react';
import { createHashRouter, Navigate, NavLink, Outlet, RouterProvider } from 'react-router';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { walletScreens } from './screens.tsx';
import { type LoginState, useSession } from './state/useSession.ts';
import { useStatus } from './state/useStatus.ts';
import { useWallet, WalletProvider } from './state/WalletState.tsx';
import { WalletCreate, WalletRestore } from './WalletSetup.tsx';

// Hash addresses (#/rewards): the page is one file wherever it is served, and the login redirect
// (the page's address without query or hash) always lands on it.
const router = createHashRouter([
  {
    path: '/',
    element: <WalletFrame />,
    children: [
      { index: true, element: <Navigate to="/requests" replace /> },
      ...walletScreens.map((screen) => ({ path: screen.path, element: screen.element })),
      { path: '*', element: <Navigate to="/requests" replace /> },
    ],
  },
]);

export function WalletApp() {
  return <RouterProvider router={router} />;
}

function WalletFrame() {
  const status = useStatus();
  const login = useSession(status);
  const { config, session } = login;
  return (
    <>
      <header>
        <h1>DeCDP wallet</h1>
        <p className="muted">
          Your attributes stay in your pod. Merchants get a proof of exactly what they ask, nothing more.
        </p>
      </header>
      <main>
        <StatusRegion message={status.status} />
        {status.errors.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors are append-only and dismissed by position.
          <ErrorNotice key={index} error={error} onDismiss={() => status.dismissError(index)} />
        ))}
        {session === null ? <LoginSection login={login} /> : null}
        {config && session && session !== 'checking' ? (
          // Keyed by the person: logging out (or in as someone else) starts from nothing.
          <WalletProvider key={session.webId} config={config} session={session} status={status}>
            <AccountBar logOut={login.logOut} />
            <WalletSetupSection />
            <SectionNav />
            <Outlet />
          </WalletProvider>
        ) : null}
      </main>
    </>
  );
}

function LoginSection({ login }: { login: LoginState }) {
  const [solidServer, setSolidServer] = useState('');
  const { config } = login;
  return (
    <section aria-labelledby="login-heading">
      <h2 id="login-heading">Log in</h2>
      <p>Log in to your Solid pod to see your credentials and the requests waiting for you.</p>
      <label>
        Your Solid server{' '}
        <input
          type="url"
          data-testid="solid-server"
          value={solidServer || config?.solidServer || ''}
          onChange={(event) => setSolidServer(event.currentTarget.value)}
        />
      </label>
      <button type="button" data-testid="login-button" onClick={() => void login.logIn(solidServer)} disabled={!config}>
        Log in to your pod
      </button>
      {config?.demo ? (
        <p className="muted" data-testid="demo-login">
          Demo account on this machine: {config.demo.email} / {config.demo.password}
        </p>
      ) : null}
    </section>
  );
}

function AccountBar({ logOut }: { logOut: () => Promise<void> }) {
  const { session, pod, balanceText, loading, refresh } = useWallet();
  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">Your account</h2>
      <dl className="facts">
        <dt>Logged in as</dt>
        <dd className="mono" data-testid="web-id">
          {session.webId}
        </dd>
        <dt>Reward address</dt>
        <dd className="mono" data-testid="recipient">
          {pod?.wallet?.recipient ?? pod?.walletDocument?.recipient ?? '…'}
        </dd>
        <dt>Reward balance</dt>
        <dd>
          <output data-testid="reward-balance" aria-live="polite">
            {balanceText}
          </output>
        </dd>
      </dl>
      <button type="button" data-testid="refresh-button" onClick={() => void refresh()} disabled={loading}>
        Refresh
      </button>
      <button type="button" data-testid="logout-button" onClick={() => void logOut()}>
        Log out
      </button>
    </section>
  );
}

function WalletSetupSection() {
  const { config, pod, loading, createWallet, restoreWallet, unlockWallet } = useWallet();
  if (pod && pod.walletDocument === null) {
    return <WalletCreate busy={loading} onCreate={(p, passphrase) => void createWallet(p, passphrase)} />;
  }
  if (pod?.walletDocument && !pod.wallet) {
    return (
      <WalletRestore
        busy={loading}
        {...(config.demo?.recoveryPhrase ? { demoPhrase: config.demo.recoveryPhrase } : {})}
        passphraseFrom={pod.passphraseFrom}
        onRestore={(p, passphrase) => void restoreWallet(p, passphrase)}
        onUnlock={(passphrase) => void unlockWallet(passphrase)}
      />
    );
  }
  return null;
}

function SectionNav() {
  const { openCount } = useWallet();
  return (
    <nav aria-label="Wallet sections" className="sections" data-testid="section-nav">
      {walletScreens.map((screen) => (
        <NavLink key={screen.path} to={`/${screen.path}`} data-testid={`nav-${screen.path}`}>
          {screen.label}
          {screen.path === 'requests' && openCount ? ` (${openCount})` : ''}
        </NavLink>
      ))}
    </nav>
  );
}
