// First run (create the wallet, show the recovery phrase once) and restore on a new device.
import { createRecoveryPhrase } from '@decdp/sdk/wallet';
import { useState } from 'react';
import { Term } from './onboarding/Glossary.tsx';

export function WalletCreate(props: { busy: boolean; onCreate: (phrase: string) => void }) {
  const [phrase] = useState(createRecoveryPhrase);
  const [confirmed, setConfirmed] = useState(false);
  return (
    <section aria-labelledby="setup-heading" data-testid="wallet-setup">
      <h2 id="setup-heading">Set up your wallet</h2>
      <p>
        These 12 words are your wallet: your <Term id="recovery-phrase">recovery phrase</Term>. They make the secret
        behind your <Term id="proof">proofs</Term> and the <Term id="reward-address">address</Term> your rewards are
        paid to. Write them down and keep them safe: they are not stored in your pod, and nobody can recover them for
        you.
      </p>
      <p className="mono phrase" data-testid="recovery-phrase">
        {phrase}
      </p>
      <label>
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
          data-testid="phrase-confirmed"
        />{' '}
        I have written the 12 words down
      </label>
      <div>
        <button
          type="button"
          data-testid="create-wallet-button"
          disabled={!confirmed || props.busy}
          onClick={() => props.onCreate(phrase)}
        >
          Create my wallet
        </button>
      </div>
    </section>
  );
}

export function WalletRestore(props: { busy: boolean; demoPhrase?: string; onRestore: (phrase: string) => void }) {
  const [phrase, setPhrase] = useState('');
  return (
    <section aria-labelledby="restore-heading" data-testid="wallet-restore">
      <h2 id="restore-heading">Unlock your wallet on this device</h2>
      <p>Enter the 12 words you wrote down when you created your wallet.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onRestore(phrase);
        }}
      >
        <label>
          Recovery phrase{' '}
          <textarea
            value={phrase}
            onChange={(event) => setPhrase(event.currentTarget.value)}
            rows={2}
            cols={50}
            autoComplete="off"
            spellCheck={false}
            data-testid="restore-phrase"
          />
        </label>
        <div>
          <button type="submit" data-testid="restore-button" disabled={props.busy || phrase.trim() === ''}>
            Unlock
          </button>
        </div>
      </form>
      {props.demoPhrase ? (
        <p className="muted" data-testid="demo-phrase">
          Demo wallet on this machine: {props.demoPhrase}
        </p>
      ) : null}
    </section>
  );
}
