// Settings → "Wallet agent" (docs/agent.md): set up the always-on agent (its client credentials
// through the Solid server's account API, a setup file with its secrets sealed under an agent
// passphrase), see what it answered, pause it, or remove it (its credentials are deleted, so it
// stops at its next login).
import { deleteClientCredentials } from '@decdp/sdk/pod';
import type { AgentControl } from '@decdp/sdk/wallet';
import { MIN_PASSPHRASE_LENGTH, readAgentControl, saveAgentControl } from '@decdp/sdk/wallet';
import { useCallback, useEffect, useState } from 'react';
import { useWallet } from '../state/WalletState.tsx';
import { setUpWalletAgent, solidBaseOf } from './setUpWalletAgent.ts';

export function AgentSettings() {
  const wallet = useWallet();
  const { pod, session, report, setStatus } = wallet;
  const [control, setControl] = useState<AgentControl | null | 'loading'>('loading');
  const [setupUrl, setSetupUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="agent-heading" data-testid="agent-settings">
      <h2 id="agent-heading">Wallet agent</h2>
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
          <button
            type="button"
            data-testid="agent-pause-button"
            disabled={busy}
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
          </button>
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
        <p className="muted">Nothing yet.</p>
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
    </section>
  );
}

type Account = { email: string; password: string };

function AgentSetupForm(props: {
  busy: boolean;
  locked: boolean;
  onCreate: (input: Account & { passphrase: string }) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onCreate({ email, password, passphrase });
      }}
    >
      <p>
        Your Solid account's email and password create credentials for the agent (you can remove them here at any time).
        The agent passphrase seals the agent's copy of your secret.
      </p>
      {props.locked ? <p className="muted">Unlock your wallet first.</p> : null}
      <label>
        Solid account email{' '}
        <input
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          data-testid="agent-email"
        />
      </label>
      <label>
        Solid account password{' '}
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          autoComplete="current-password"
          data-testid="agent-password"
        />
      </label>
      <label>
        Agent passphrase (at least {MIN_PASSPHRASE_LENGTH} characters){' '}
        <input
          type="password"
          value={passphrase}
          onChange={(event) => setPassphrase(event.currentTarget.value)}
          autoComplete="new-password"
          data-testid="agent-passphrase"
        />
      </label>

      <div>
        <button
          type="submit"
          data-testid="agent-create-button"
          disabled={props.busy || props.locked || !email || !password || passphrase.length < MIN_PASSPHRASE_LENGTH}
        >
          Set up the wallet agent
        </button>
      </div>
    </form>
  );
}

function AgentRemoveForm(props: { busy: boolean; onRemove: (account: Account) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onRemove({ email, password });
      }}
    >
      <p className="muted">To remove the agent, confirm with your Solid account: its credentials are deleted.</p>
      <label>
        Solid account email{' '}
        <input
          type="email"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          data-testid="agent-remove-email"
        />
      </label>
      <label>
        Solid account password{' '}
        <input
          type="password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          autoComplete="current-password"
          data-testid="agent-remove-password"
        />
      </label>
      <button type="submit" data-testid="agent-remove-button" disabled={props.busy || !email || !password}>
        Remove the agent
      </button>
    </form>
  );
}
