// Everything the wallet's screens read and do, for the logged-in person, in one context:
// `useWallet()` from any screen. Each part lives in its own hook (this folder), named by what it
// does; this provider only puts them together. It is keyed by the person (WalletApp), so logging
// out drops all of it.
import { createContext, type ReactNode, useContext, useState } from 'react';
import type { AppConfig } from '../../shared/config.ts';
import type { SessionState } from '../session.ts';
import type { PodState } from './podState.ts';
import { type AnswerActions, useAnswers } from './useAnswers.ts';
import { type CredentialActions, useCredentials } from './useCredentials.ts';
import { type PodAccess, usePod } from './usePod.ts';
import { type PolicyActions, usePolicies } from './usePolicies.ts';
import { type Revocations, useRevocations } from './useRevocations.ts';
import { type RewardClaims, useRewardClaims } from './useRewardClaims.ts';
import type { StatusState } from './useStatus.ts';
import { useWalletKeys, type WalletKeyActions } from './useWalletKeys.ts';

export type Wallet = PodAccess &
  AnswerActions &
  CredentialActions &
  PolicyActions &
  RewardClaims &
  Revocations &
  WalletKeyActions & {
    /** The receipt being revoked or claimed, or the attribute being opted out of. */
    working: string | null;
  };

const WalletContext = createContext<Wallet | null>(null);

export function WalletProvider(props: {
  config: AppConfig;
  session: SessionState;
  status: Pick<StatusState, 'report' | 'setStatus'>;
  children: ReactNode;
}) {
  const [working, setWorking] = useState<string | null>(null);
  const access = usePod({ config: props.config, session: props.session, ...props.status });
  const policies = usePolicies(access);
  const answers = useAnswers(access, policies, working);
  const wallet: Wallet = {
    ...access,
    ...answers,
    ...policies,
    ...useCredentials(access),
    ...useRewardClaims(access, setWorking),
    ...useRevocations(access, policies, setWorking),
    ...useWalletKeys(access),
    working,
  };
  return <WalletContext.Provider value={wallet}>{props.children}</WalletContext.Provider>;
}

/** The logged-in wallet; only inside WalletProvider (every screen is). */
export function useWallet(): Wallet {
  const wallet = useContext(WalletContext);
  if (!wallet) throw new Error('useWallet() outside WalletProvider: screens render inside the logged-in wallet.');
  return wallet;
}

/** The wallet once its pod is read: what a screen sees (ScreenOutlet renders screens only then). */
export function useLoadedWallet(): Wallet & { pod: PodState } {
  const wallet = useWallet();
  const { pod } = wallet;
  if (!pod) throw new Error('A screen rendered before the pod was read: screens render inside ScreenOutlet.');
  return { ...wallet, pod };
}
