// Settings → "Wallet agent" (docs/agent.md): set up the always-on agent (its client credentials
// through the Solid server's account API, a setup file with its secrets sealed under an agent
// passphrase), see what it answered, pause it, or remove it (its credentials are deleted, so it
// stops at its next login).
import { deleteClientCredentials } from '@decdp/sdk/pod';
import type { AgentControl } from '@decdp/sdk/wallet';
import { MIN_PASSPHRASE_LENGTH, readAgentControl, saveAgentControl } from '@decdp/sdk/wallet';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import {
  Button,
  Card,
  Empty,
  type LucideIcon,
  Pause,
  Play,
  Section,
  TextField,
  Trash2,
  Wallet,
} from '../../shared/ui/index.ts';
import { useBusyAction } from '../state/useBusyAction.ts';
import { useWallet } from '../state/WalletState.tsx';
import { setUpWalletAgent, solidBaseOf } from './setUpWalletAgent.ts';

export function AgentSettings() {
  const wallet = useWallet();
  const { pod, session, report, setStatus } = wallet;
  const [control, setControl] = useState<AgentControl | null | 'loading'>('loading');
  const [setupUrl, setSetupUrl] = useState<string | null>(null);
  const { busy, run } = useBusyAction(report);
  const podUrl = pod?.podUrl;

  const load = useCallback(async () => {
    if (!podUrl) return;
    try {
      const control = await readAgentControl({ podUrl, fetch: session.fetch });
      // A removed agent leaves its mark (the agent stops on it); the person may set up a new one.
      setControl(control?.removedAt ? null : control);
    } catch (error) {
      report(error);
      setControl(null);
    }
  }, [podUrl, session.fetch, report]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!pod || control === 'loading') return null;
  const answered = pod.automaticLog.items.filter(
    (entry) => (entry.value as { answeredBy?: string }).answeredBy === 'agent',
  );

  return (
    <Section title="Wallet agent" testId="agent-settings">
      <p>
        An agent on a machine that is always on answers requests exactly as your settings above say, while this page is
        closed. It answers nothing else: every other request waits for you here.
      </p>
      {control === null ? (
        <AgentSetupForm
          busy={busy}
          locked={!pod.wallet}
          onCreate={(account) =>
            run(async () => {
              if (!pod.wallet) return;
              const { setup, control: created } = await setUpWalletAgent({
                ...account,
                config: wallet.config,
                webId: session.webId,
                podUrl: pod.podUrl,
                fetch: session.fetch,
                wallet: pod.wallet,
              });
              const blob = new Blob([`${JSON.stringify(setup, null, 2)}\n`], { type: 'application/json' });
              setSetupUrl(URL.createObjectURL(blob));
              setControl(created);
              setStatus('The wallet agent is set up. Download its setup file and start it on your machine.');
            })
          }
        />
      ) : (
        <>
          <p data-testid="agent-state" data-paused={String(control.paused)}>
            {control.paused ? 'Paused: the agent answers nothing.' : 'Active: the agent answers by your settings.'}{' '}
            <span className="muted">
              Credentials {control.clientId.slice(0, 12)}…, created {new Date(control.createdAt).toLocaleString()}.
            </span>
          </p>
          {setupUrl ? (
            <p>
              <a href={setupUrl} download="agent.json" data-testid="agent-setup-download">
                Download the agent's setup file (agent.json)
              </a>{' '}
              <span className="muted">
                Its secrets are sealed under the agent passphrase. Run it with{' '}
                <code>decdp-wallet-agent run --setup agent.json</code> (docs/agent.md).
              </span>
            </p>
          ) : null}
          <Button
            icon={control.paused ? Play : Pause}
            data-testid="agent-pause-button"
            busy={busy}
            onClick={() =>
              void run(async () => {
                const next = { ...control, paused: !control.paused };
                await saveAgentControl({ podUrl: pod.podUrl, control: next, fetch: session.fetch });
                setControl(next);
                setStatus(next.paused ? 'The wallet agent is paused.' : 'The wallet agent answers again.');
              })
            }
          >
            {control.paused ? 'Resume the agent' : 'Pause the agent'}
          </Button>
          <AgentRemoveForm
            busy={busy}
            onRemove={(account) =>
              run(async () => {
                // Credentials first (a wrong password changes nothing), then the mark the agent stops on
                // at its next poll, paused so it answers nothing in between.
                await deleteClientCredentials({
                  ...account,
                  baseUrl: solidBaseOf(session.webId),
                  resource: control.resource,
                });
                const removed = { ...control, paused: true, removedAt: new Date().toISOString() };
                await saveAgentControl({ podUrl: pod.podUrl, control: removed, fetch: session.fetch });
                setControl(null);
                setSetupUrl(null);
                setStatus('The wallet agent is removed: its credentials no longer work.');
              })
            }
          />
        </>
      )}
      <h3>What the agent answered</h3>
      {answered.length === 0 ? (
        <Empty>Nothing yet.</Empty>
      ) : (
        <ul>
          {answered.map(({ url, value }) => (
            <li key={url} data-testid="agent-answer" data-request-id={value.requestId}>
              {value.decision === 'approve' ? 'Answered yes' : 'Answered no'} to {value.merchant} —{' '}
              {new Date(value.at).toLocaleString()}: {value.reason}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type Account = { email: string; password: string };

const noAccount: Account = { email: '', password: '' };
const filled = (account: Account) => account.email !== '' && account.password !== '';

/** A form that takes the Solid account's email and password: they create the agent's credentials, and remove them. */
function AccountForm(props: {
  title: string;
  testIdPrefix: string;
  intro: ReactNode;
  /** More fields, after the account's. */
  children?: ReactNode;
  submit: { words: string; testId: string; icon: LucideIcon; variant: 'primary' | 'danger'; ready: boolean };
  busy: boolean;
  onSubmit: (account: Account) => void;
}) {
  const [account, setAccount] = useState(noAccount);
  const prefix = props.testIdPrefix;
  return (
    <Card as="div" title={props.title} level={3}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(account);
        }}
      >
        {props.intro}
        <TextField
          label="Solid account email"
          type="email"
          value={account.email}
          onValue={(email) => setAccount({ ...account, email })}
          data-testid={`${prefix}-email`}
        />
        <TextField
          label="Solid account password"
          type="password"
          value={account.password}
          onValue={(password) => setAccount({ ...account, password })}
          autoComplete="current-password"
          data-testid={`${prefix}-password`}
        />
        {props.children}
        <Button
          type="submit"
          variant={props.submit.variant}
          icon={props.submit.icon}
          data-testid={props.submit.testId}
          busy={props.busy}
          disabled={!props.submit.ready || !filled(account)}
        >
          {props.submit.words}
        </Button>
      </form>
    </Card>
  );
}

function AgentSetupForm(props: {
  busy: boolean;
  locked: boolean;
  onCreate: (input: Account & { passphrase: string }) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <AccountForm
      title="Set up the agent"
      testIdPrefix="agent"
      intro={
        <>
          <p>
            Your Solid account's email and password create credentials for the agent (you can remove them here at any
            time). The agent passphrase seals the agent's copy of your secret.
          </p>
          {props.locked ? <Empty>Unlock your wallet first.</Empty> : null}
        </>
      }
      submit={{
        words: 'Set up the wallet agent',
        testId: 'agent-create-button',
        icon: Wallet,
        variant: 'primary',
        ready: !props.locked && passphrase.length >= MIN_PASSPHRASE_LENGTH,
      }}
      busy={props.busy}
      onSubmit={(account) => props.onCreate({ ...account, passphrase })}
    >
      <TextField
        label={`Agent passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters)`}
        type="password"
        value={passphrase}
        onValue={setPassphrase}
        autoComplete="new-password"
        data-testid="agent-passphrase"
      />
    </AccountForm>
  );
}

function AgentRemoveForm(props: { busy: boolean; onRemove: (account: Account) => void }) {
  return (
    <AccountForm
      title="Remove the agent"
      testIdPrefix="agent-remove"
      intro={
        <p className="muted">To remove the agent, confirm with your Solid account: its credentials are deleted.</p>
      }
      submit={{
        words: 'Remove the agent',
        testId: 'agent-remove-button',
        icon: Trash2,
        variant: 'danger',
        ready: true,
      }}
      busy={props.busy}
      onSubmit={props.onRemove}
    />
  );
}
