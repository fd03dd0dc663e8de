// Automatic renewal in the wallet page (docs/issuer.md § Renewal): when the wallet is unlocked,
// every hour while it stays open, and when "Add credentials" opens, credentials from issuers that are in the last fifth of their
// life are renewed at the same issuer and source with the grant their issuance left (the proof of
// possession in the prover worker). What could not be renewed — a bank approval revoked or over,
// a source that wants the person to sign in — becomes a notice in plain words on "Add credentials",
// with the button that renews by hand.
import type { RenewalOutcome } from '@decdp/sdk/wallet';
import { renewCredentials } from '@decdp/sdk/wallet';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { provePossessionInWorker } from '../proveInWorker.ts';
import { withDocuments } from '../state/podState.ts';
import { useWallet } from '../state/WalletState.tsx';

export type RenewalNotice = Extract<RenewalOutcome, { kind: 'needs-you' }>;

const CHECK_EVERY_MS = 60 * 60 * 1000;

let notices: RenewalNotice[] = [];
/** The running wallet's check, for the screen to ask for one when it opens. */
let checkNow: (() => void) | undefined;

/** Asks the running wallet to look for credentials to renew now (no-op when locked). */
export function checkRenewalsNow(): void {
  checkNow?.();
}
const listeners = new Set<() => void>();

function setNotices(next: RenewalNotice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

/** What automatic renewal could not do, for the screen to ask the person. */
export function useRenewalNotices(): RenewalNotice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
  );
}

/** "7 Dec 2026", as the provenance lines say dates. */
export const renewalDay = (seconds: number) =>
  new Date(seconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** Runs the checks; mounted once, inside the wallet. */
export function useAutomaticRenewal(): void {
  const { pod, session, setPod, setStatus, report } = useWallet();
  const latest = useRef({ pod, session });
  latest.current = { pod, session };
  const unlocked = pod?.wallet !== undefined && pod?.wallet !== null;
  const loaded = pod !== null;

  useEffect(() => {
    if (!unlocked || !loaded) return;
    let running = false;
    async function check() {
      const { pod: current, session: login } = latest.current;
      const holderSecret = current?.wallet?.holderSecret;
      if (running || !current || holderSecret === undefined) return;
      running = true;
      try {
        const items = current.credentials.items
          .filter(({ value }) => value.evidence?.length)
          .map(({ url, value }) => ({ url, credential: value }));
        const outcomes = await renewCredentials({
          podUrl: current.podUrl,
          fetch: login.fetch,
          items,
          holderSecret,
          prove: async (possession) => {
            await provePossessionInWorker({ possession, holderSecret });
          },
        });
        const words: string[] = [];
        for (const outcome of outcomes) {
          if (outcome.kind !== 'renewed') continue;
          setPod((state) =>
            state
              ? withDocuments(
                  state,
                  'credentials',
                  outcome.stored.map(({ url, credential }) => ({ url, value: credential })),
                  outcome.replaced,
                )
              : state,
          );
          const until = outcome.stored[0]?.credential.decdp.expiresAt;
          words.push(
            `Renewed ${outcome.stored.length} credential${outcome.stored.length === 1 ? '' : 's'} from ${outcome.issuerName}, read again from ${outcome.sourceName}${until ? `; they now expire on ${renewalDay(until)}` : ''}.`,
          );
          if (outcome.lapsing.length) {
            words.push(
              `${outcome.sourceName} no longer vouches for ${outcome.lapsing
                .map(({ credential }) => credential.credentialSubject.attribute)
                .join(
                  ', ',
                )}: it expires on ${renewalDay(Math.min(...outcome.lapsing.map(({ credential }) => credential.decdp.expiresAt)))}.`,
            );
          }
        }
        setNotices(outcomes.filter((outcome): outcome is RenewalNotice => outcome.kind === 'needs-you'));
        if (words.length) setStatus(words.join(' '));
      } catch (error) {
        report(error);
      } finally {
        running = false;
      }
    }
    void check();
    checkNow = () => void check();
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      checkNow = undefined;
      // Logged out or locked: the next person starts without this one's notices.
      setNotices([]);
    };
  }, [unlocked, loaded, setPod, setStatus, report]);
}

/** Renders nothing; keeps the renewal checks running while the wallet is open. */
export function AutomaticRenewal(): null {
  useAutomaticRenewal();
  return null;
}
