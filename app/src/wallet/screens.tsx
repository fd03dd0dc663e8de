// The wallet's screens, each at its own address (#/requests, #/rewards, …), in the order of the
// navigation. Adding a screen is one line here: a folder app/src/wallet/<feature>/ with its
// <Feature>Screen.tsx, which reads and acts through useWallet() (state/WalletState.tsx).
import type { ReactNode } from 'react';
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
  element: ReactNode;
};

export const walletScreens: WalletScreen[] = [
  { path: 'requests', label: 'Requests', element: <RequestsScreen /> },
  { path: 'rewards', label: 'Rewards', element: <RewardsScreen /> },
  { path: 'history', label: 'How my data is used', element: <HistoryScreen /> },
  { path: 'credentials', label: 'Credentials', element: <CredentialsScreen /> },
  { path: 'add-credentials', label: 'Add credentials', element: <AddCredentialsScreen /> },
  { path: 'masks', label: 'Masks', element: <MasksScreen /> },
  { path: 'settings', label: 'Settings', element: <SettingsScreen /> },
];
