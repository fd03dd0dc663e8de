// The wallet page: log in to the pod, then one screen at a time (screens.tsx), each at its own
// address. This file is only the frame: header, status line, errors, login, the account bar,
// wallet setup and the navigation. What the screens read and do is in state/ (useWallet()).
import { useState } from 'react';
import { NavLink, Outlet, RouterProvider } from 'react-router';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { ShortValue } from '../shared/ShortValue.tsx';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { screenRouter } from '../shared/screenRouter.tsx';
import {
  Actions,
  Button,
  Icon,
  InterruptedActions,
  Loading,
  LogIn,
  LogOut,
  RefreshCw,
  Section,
  TextField,
  Toasts,
  Wallet,
} from '../shared/ui/index.ts';
import { AutomaticRenewal } from './issuance/useAutomaticRenewal.ts';
import { GlossaryButton, GlossaryProvider, Term } from './onboarding/Glossary.tsx';
import { useWelcome, Welcome } from './onboarding/Welcome.tsx';
import { walletScreens } from './screens.tsx';
import { type LoginState, useSession } from './state/useSession.ts';
import { useStatus } from './state/useStatus.ts';
import { useWallet, WalletProvider } from './state/WalletState.tsx';
import { WalletCreate, WalletRestore } from './WalletSetup.tsx';

const router = screenRouter(<WalletFrame />, walletScreens);

export function WalletApp() {
  return <RouterProvider router={router} />;
}

function WalletFrame() {
  const status = useStatus();
  const login = useSession(status);
  const { config, session } = login;
  const welcome = useWelcome();
  return (
    <GlossaryProvider>
      <header>
        <h1>
          <Icon icon={Wallet} /> DeCDP wallet
        </h1>
        <p className="muted">
          Your attributes stay in your <Term id="pod">pod</Term>. Merchants get a <Term id="proof">proof</Term> of
          exactly what they ask, nothing more. <GlossaryButton />
        </p>
      </header>
      <main>
        <StatusRegion message={status.status} />
        <InterruptedActions />
        {status.errors.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors are append-only and dismissed by position.
          <ErrorNotice key={index} error={error} onDismiss={() => status.dismissError(index)} />
        ))}
        {session === null && welcome.show ? <Welcome onDone={welcome.done} /> : null}
        {session === null ? <LoginSection login={login} onWelcome={welcome.show ? undefined : welcome.open} /> : null}
        {config && session && session !== 'checking' ? (
          // Keyed by the person: logging out (or in as someone else) starts from nothing.
          <WalletProvider key={session.webId} config={config} session={session} status={status}>
            <AutomaticRenewal />
            <AccountBar logOut={login.logOut} />
            <WalletSetupSection />
            <SectionNav />
            <ScreenOutlet />
          </WalletProvider>
        ) : null}
      </main>
      <Toasts />
    </GlossaryProvider>
  );
}

function LoginSection({ login, onWelcome }: { login: LoginState; onWelcome: (() => void) | undefined }) {
  const [solidServer, setSolidServer] = useState('');
  const { config } = login;
  const server = solidServer || config?.solidServer || '';
  return (
    <Section title="Log in">
      <p>
        Log in to your Solid <Term id="pod">pod</Term> to see your credentials and the requests waiting for you. The
        first time, the wallet is created for you and you get your <Term id="recovery-phrase">recovery phrase</Term>.
      </p>
      <TextField
        label="Your Solid server"
        type="url"
        data-testid="solid-server"
        value={server}
        onValue={setSolidServer}
      />
      <Button
        variant="primary"
        icon={LogIn}
        data-testid="login-button"
        onClick={() => void login.logIn(solidServer)}
        disabled={!config}
      >
        Log in to your pod
      </Button>
      <p className="muted">
        No pod yet? Solid servers let you create one for free
        {URL.canParse(server) ? (
          <>
            {' '}
            (for example at{' '}
            <a href={server} data-testid="create-pod-link">
              {new URL(server).host}
            </a>
            )
          </>
        ) : null}
        ; then come back and log in.
      </p>
      {onWelcome ? (
        <Button data-testid="welcome-open" onClick={onWelcome}>
          What is this wallet?
        </Button>
      ) : null}
      {config?.demo ? (
        <p className="muted" data-testid="demo-login">
          Demo account on this machine: {config.demo.email} / {config.demo.password}
        </p>
      ) : null}
    </Section>
  );
}

function AccountBar({ logOut }: { logOut: () => Promise<void> }) {
  const { session, pod, balanceText, loading, refresh } = useWallet();
  const recipient = pod?.wallet?.recipient ?? pod?.walletDocument?.recipient;
  return (
    <Section title="Your account">
      <dl className="facts">
        <dt>
          Logged in as (<Term id="webid">WebID</Term>)
        </dt>
        <dd>
          <ShortValue value={session.webId} short={webIdInWords(session.webId)} label="your WebID" testId="web-id" />
        </dd>
        <dt>
          <Term id="reward-address">Reward address</Term>
        </dt>
        <dd>{recipient ? <ShortValue value={recipient} label="your reward address" testId="recipient" /> : '…'}</dd>
        <dt>Reward balance</dt>
        <dd>
          <output data-testid="reward-balance" aria-live="polite">
            {balanceText}
          </output>
        </dd>
      </dl>
      <Actions>
        <Button icon={RefreshCw} data-testid="refresh-button" onClick={() => void refresh()} disabled={loading}>
          Refresh
        </Button>
        <Button icon={LogOut} data-testid="logout-button" onClick={() => void logOut()}>
          Log out
        </Button>
      </Actions>
    </Section>
  );
}

/** "demo on localhost:3000": the pod's name and its server, instead of the raw WebID. */
function webIdInWords(webId: string): string {
  if (!URL.canParse(webId)) return webId;
  const url = new URL(webId);
  const name = url.pathname.split('/').filter(Boolean)[0];
  return name && name !== 'profile' ? `${name} on ${url.host}` : url.host;
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

/** The screen at the address; until the pod's documents are first read, a loading line instead. */
function ScreenOutlet() {
  const { pod } = useWallet();
  if (!pod) return <Loading testId="pod-loading">Reading your pod…</Loading>;
  return <Outlet />;
}

function SectionNav() {
  const { openCount } = useWallet();
  return (
    <nav aria-label="Wallet sections" className="sections" data-testid="section-nav">
      {walletScreens
        .filter((screen) => screen.inNavigation !== false)
        .map((screen) => (
          <NavLink key={screen.path} to={`/${screen.path}`} data-testid={`nav-${screen.path}`}>
            {screen.icon ? <Icon icon={screen.icon} /> : null}
            {screen.label}
            {screen.path === 'requests' && openCount ? ` (${openCount})` : ''}
          </NavLink>
        ))}
    </nav>
  );
}
