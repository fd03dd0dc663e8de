// First run (create the wallet, show the recovery phrase once) and restore on a new device.
import { createRecoveryPhrase, MIN_PASSPHRASE_LENGTH } from '@decdp/sdk/wallet';
import { useState } from 'react';
import { Button, CheckboxField, KeyRound, Section, TextAreaField, TextField } from '../shared/ui/index.ts';
import { Term } from './onboarding/Glossary.tsx';
import { PasskeyUnlock } from './settings/PasskeySettings.tsx';

/** An optional passphrase: with one the secret is sealed on this device and in the pod (deviceKeys.ts). */
function PassphraseField(props: { value: string; onChange: (value: string) => void; testId: string }) {
  return (
    <TextField
      label={`Passphrase for unlocking (optional, at least ${MIN_PASSPHRASE_LENGTH} characters)`}
      hint="With a passphrase your wallet opens on this and other devices without the 12 words; without one you enter the 12 words each time you open the wallet in a new tab."
      type="password"
      value={props.value}
      onValue={props.onChange}
      autoComplete="new-password"
      data-testid={props.testId}
    />
  );
}

export function WalletCreate(props: { busy: boolean; onCreate: (phrase: string, passphrase: string) => void }) {
  const [phrase] = useState(createRecoveryPhrase);
  const [confirmed, setConfirmed] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  return (
    <Section title="Set up your wallet" testId="wallet-setup">
      <p>
        These 12 words are your wallet: your <Term id="recovery-phrase">recovery phrase</Term>. They make the secret
        behind your <Term id="proof">proofs</Term> and the <Term id="reward-address">address</Term> your rewards are
        paid to. Write them down and keep them safe: they are not stored in your pod, and nobody can recover them for
        you.
      </p>
      <p className="mono phrase" data-testid="recovery-phrase">
        {phrase}
      </p>
      <CheckboxField
        label="I have written the 12 words down"
        checked={confirmed}
        onChecked={setConfirmed}
        data-testid="phrase-confirmed"
      />
      <PassphraseField value={passphrase} onChange={setPassphrase} testId="create-passphrase" />
      <Button
        variant="primary"
        icon={KeyRound}
        data-testid="create-wallet-button"
        disabled={!confirmed || props.busy}
        onClick={() => props.onCreate(phrase, passphrase)}
      >
        Create my wallet
      </Button>
    </Section>
  );
}

export function WalletRestore(props: {
  busy: boolean;
  demoPhrase?: string;
  /** Where a passphrase can unlock from (unlockWallet.ts); null = only the phrase. */
  passphraseFrom: 'device' | 'pod' | null;
  onRestore: (phrase: string, passphrase: string) => void;
  onUnlock: (passphrase: string) => void;
}) {
  const [phrase, setPhrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [unlockPassphrase, setUnlockPassphrase] = useState('');
  return (
    <Section title="Unlock your wallet on this device" testId="wallet-restore">
      <PasskeyUnlock />
      {props.passphraseFrom ? (
        <form
          data-testid="unlock-form"
          data-source={props.passphraseFrom}
          onSubmit={(event) => {
            event.preventDefault();
            props.onUnlock(unlockPassphrase);
          }}
        >
          <p>
            {props.passphraseFrom === 'device'
              ? 'Enter your passphrase.'
              : 'Enter your passphrase: it opens the encrypted copy of your wallet kept in your pod.'}
          </p>
          <TextField
            label="Passphrase"
            type="password"
            value={unlockPassphrase}
            onValue={setUnlockPassphrase}
            autoComplete="current-password"
            data-testid="unlock-passphrase"
          />
          <Button
            type="submit"
            variant="primary"
            icon={KeyRound}
            data-testid="unlock-button"
            disabled={props.busy || unlockPassphrase === ''}
          >
            Unlock with passphrase
          </Button>
          <p>Or use your recovery phrase:</p>
        </form>
      ) : null}
      <p>Enter the 12 words you wrote down when you created your wallet.</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onRestore(phrase, passphrase);
        }}
      >
        <TextAreaField
          label="Recovery phrase"
          value={phrase}
          onValue={setPhrase}
          rows={2}
          cols={50}
          autoComplete="off"
          spellCheck={false}
          data-testid="restore-phrase"
        />
        <PassphraseField value={passphrase} onChange={setPassphrase} testId="restore-passphrase" />
        <Button
          type="submit"
          variant={props.passphraseFrom ? 'secondary' : 'primary'}
          icon={KeyRound}
          data-testid="restore-button"
          disabled={props.busy || phrase.trim() === ''}
        >
          Unlock
        </Button>
      </form>
      {props.demoPhrase ? (
        <p className="muted" data-testid="demo-phrase">
          Demo wallet on this machine: {props.demoPhrase}
        </p>
      ) : null}
    </Section>
  );
}
