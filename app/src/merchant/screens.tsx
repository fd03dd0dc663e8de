// The merchant page's screens, each at its own address (#/requests, #/records, …), in the order of
// the navigation. Adding a screen is one line here: a folder app/src/merchant/<feature>/ with its
// <Feature>Screen.tsx, which reads through useMerchant() (state/MerchantState.tsx).
import type { ReactNode } from 'react';
import { CampaignsScreen } from './campaigns/CampaignsScreen.tsx';
import { OffersScreen } from './offers/OffersScreen.tsx';
import { RecordsScreen } from './records/RecordsScreen.tsx';
import { RequestsScreen } from './requests/RequestsScreen.tsx';

export type MerchantScreen = { path: string; label: string; element: ReactNode };

export const merchantScreens: MerchantScreen[] = [
  { path: 'requests', label: 'Requests', element: <RequestsScreen /> },
  { path: 'records', label: 'Records', element: <RecordsScreen /> },
  { path: 'campaigns', label: 'Campaigns', element: <CampaignsScreen /> },
  { path: 'offers', label: 'Offers', element: <OffersScreen /> },
];
