// The first run: what this wallet is, in five short steps of plain words, before logging in.
// Shown until the person has gone through it (or skipped it) once on this device; "What is this?"
// brings it back.
import { useState } from 'react';
import { Actions, Button, LogIn } from '../../shared/ui/index.ts';
import { Term } from './Glossary.tsx';

const STEPS = [
  {
    title: 'Your data stays in your pod',
    body: (
      <>
        Your <Term id="pod">pod</Term> is your own online storage. The wallet keeps your{' '}
        <Term id="credential">credentials</Term> there — signed facts about you, such as your age from your bank.
        Merchants never get a copy.
      </>
    ),
  },
  {
    title: 'Merchants get a proof, not your data',
    body: (
      <>
        When a merchant asks "are you 18 or older?", your wallet makes a <Term id="proof">proof</Term> on this device.
        The merchant learns that the answer is yes — not your age, not your name.
      </>
    ),
  },
  {
    title: 'A different name for every merchant',
    body: (
      <>
        Each merchant knows you only by a <Term id="pseudonym">pseudonym</Term>, a different one for each merchant, so
        they cannot combine what they know about you.
      </>
    ),
  },
  {
    title: 'Get paid for your answers',
    body: (
      <>
        Some requests pay a <Term id="reward-token">reward token</Term>, sent to your{' '}
        <Term id="reward-address">reward address</Term>. The merchant pays the fees. You can take any answer back later.
      </>
    ),
  },
  {
    title: 'Twelve words are your key',
    body: (
      <>
        When you set up the wallet you get a <Term id="recovery-phrase">recovery phrase</Term> of twelve words. Write
        them down: they unlock your wallet on a new device, and nobody can recover them for you.
      </>
    ),
  },
] as const;

const SEEN_KEY = 'decdp.wallet.welcomed';

export function useWelcome(): { show: boolean; open: () => void; done: () => void } {
  const [show, setShow] = useState(() => localStorage.getItem(SEEN_KEY) === null);
  return {
    show,
    open: () => setShow(true),
    done: () => {
      localStorage.setItem(SEEN_KEY, new Date().toISOString());
      setShow(false);
    },
  };
}

export function Welcome(props: { onDone: () => void }) {
  const [index, setIndex] = useState(0);
  const step = STEPS[index] ?? STEPS[0];
  const last = index === STEPS.length - 1;
  return (
    <section aria-labelledby="welcome-heading" data-testid="welcome" className="welcome">
      <p className="muted">
        Welcome — step {index + 1} of {STEPS.length}
      </p>
      <h2 id="welcome-heading" data-testid="welcome-title">
        {step.title}
      </h2>
      <p data-testid="welcome-step">{step.body}</p>
      <Actions>
        <Button data-testid="welcome-back" onClick={() => setIndex(index - 1)} disabled={index === 0}>
          Back
        </Button>
        {last ? (
          <Button variant="primary" icon={LogIn} data-testid="welcome-done" onClick={props.onDone}>
            Got it: log in
          </Button>
        ) : (
          <Button variant="primary" data-testid="welcome-next" onClick={() => setIndex(index + 1)}>
            Next
          </Button>
        )}
        {last ? null : (
          <Button variant="quiet" data-testid="welcome-skip" onClick={props.onDone}>
            Skip
          </Button>
        )}
      </Actions>
    </section>
  );
}
