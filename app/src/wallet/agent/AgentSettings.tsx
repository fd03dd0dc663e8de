// Settings → "Wallet agent" (docs/agent.md): set up the always-on agent (its client credentials
// through the Solid server's account API, a setup file with its secrets sealed under an agent
// passphrase), see what it answered, pause it, or remove it (its credentials are deleted, so it
// stops at its next login).
import { deleteClientCredentials } from '@decdp/sdk/pod';
import type { AgentControl } from '@decdp/sdk/wallet';
import { MIN_PASSPHRASE_LENGTH, readAgentControl, saveAgentControl } from '@decdp/sdk/wallet';
import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Empty, Pause, Play, Section, TextField, Trash2, Wallet } from '../../shared/ui/index.ts';
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

/** The Solid account's email and password: they create the agent's credentials, and remove them. */
function AccountFields(props: { account: Account; onChange: (account: Account) => void; testIdPrefix: string }) {
  const { account, onChange, testIdPrefix: prefix } = props;
  return (
    <>
      <TextField
        label="Solid account email"
        type="email"
        value={account.email}
        onValue={(email) => onChange({ ...account, email })}
        data-testid={`${prefix}-email`}
      />
      <TextField
        label="Solid account password"
        type="password"
        value={account.password}
        onValue={(password) => onChange({ ...account, password })}
        autoComplete="current-password"
        data-testid={`${prefix}-password`}
      />
    </>
  );
}

const noAccount: Account = { email: '', password: '' };
const filled = (account: Account) => account.email !== '' && account.password !== '';

function AgentSetupForm(props: {
  busy: boolean;
  locked: boolean;
  onCreate: (input: Account & { passphrase: string }) => void;
}) {
  const [account, setAccount] = useState(noAccount);
  const [passphrase, setPassphrase] = useState('');
  return (
    <Card as="div" title="Set up the agent" level={3}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onCreate({ ...account, passphrase });
        }}
      >
        <p>
          Your Solid account's email and password create credentials for the agent (you can remove them here at any
          time). The agent passphrase seals the agent's copy of your secret.
        </p>
        {props.locked ? <Empty>Unlock your wallet first.</Empty> : null}
        <AccountFields account={account} onChange={setAccount} testIdPrefix="agent" />
        <TextField
          label={`Agent passphrase (at least ${MIN_PASSPHRASE_LENGTH} characters)`}
          type="password"
          value={passphrase}
          onValue={setPassphrase}
          autoComplete="new-password"
          data-testid="agent-passphrase"
        />
        <Button
          type="submit"
          variant="primary"
          icon={Wallet}
          data-testid="agent-create-button"
          busy={props.busy}
          disabled={props.locked || !filled(account) || passphrase.length < MIN_PASSPHRASE_LENGTH}
        >
          Set up the wallet agent
        </Button>
      </form>
    </Card>
  );
}

function AgentRemoveForm(props: { busy: boolean; onRemove: (account: Account) => void }) {
  const [account, setAccount] = useState(noAccount);
  return (
    <Card as="div" title="Remove the agent" level={3}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onRemove(account);
        }}
      >
        <p className="muted">To remove the agent, confirm with your Solid account: its credentials are deleted.</p>
        <AccountFields account={account} onChange={setAccount} testIdPrefix="agent-remove" />
        <Button
          type="submit"
          variant="danger"
          icon={Trash2}
          data-testid="agent-remove-button"
          busy={props.busy}
          disabled={!filled(account)}
        >
          Remove the agent
        </Button>
      </form>
    </Card>
  );
}
