// The wallet's screens, each at its own address (#/requests, #/rewards, …), in the order of the
// navigation. Adding a screen is one line here: a folder app/src/wallet/<feature>/ with its
// <Feature>Screen.tsx, which reads and acts through useWallet() (state/WalletState.tsx).
import type { ReactNode } from 'react';
import { Gift, History, Inbox, KeyRound, type LucideIcon, Plus, Settings, VenetianMask } from '../shared/ui/index.ts';
import { ConnectScreen } from './connect/ConnectScreen.tsx';
import { CredentialsScreen } from './credentials/CredentialsScreen.tsx';
import { HistoryScreen } from './history/HistoryScreen.tsx';
import { AddCredentialsScreen } from './issuance/AddCredentialsScreen.tsx';
import { MasksScreen } from './masks/MasksScreen.tsx';
import { RequestsScreen } from './requests/RequestsScreen.tsx';
import { RewardsScreen } from './rewards/RewardsScreen.tsx';
import { SettingsScreen } from './settings/SettingsScreen.tsx';

export type WalletScreen = {
  /** The address after "#/". */
  path: string;
  /** The navigation link's words. */
  label: string;
  /** The navigation link's icon (shared/ui/Icon.tsx). */
  icon?: LucideIcon;
  element: ReactNode;
  /** false: reached by a link (a shop's, or from another screen), not from the navigation. */
  inNavigation?: false;
};

export const walletScreens: WalletScreen[] = [
  { path: 'requests', label: 'Requests', icon: Inbox, element: <RequestsScreen /> },
  { path: 'rewards', label: 'Rewards', icon: Gift, element: <RewardsScreen /> },
  { path: 'history', label: 'How my data is used', icon: History, element: <HistoryScreen /> },
  { path: 'credentials', label: 'Credentials', icon: KeyRound, element: <CredentialsScreen /> },
  { path: 'add-credentials', label: 'Add credentials', icon: Plus, element: <AddCredentialsScreen /> },
  { path: 'masks', label: 'Masks', icon: VenetianMask, element: <MasksScreen /> },
  { path: 'settings', label: 'Settings', icon: Settings, element: <SettingsScreen /> },
  { path: 'connect', label: 'Connect a shop', element: <ConnectScreen />, inNavigation: false },
];
