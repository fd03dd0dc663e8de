// The merchant page's screens, each at its own address (#/requests, #/records, …), in the order of
// the navigation. Adding a screen is one line here: a folder app/src/merchant/<feature>/ with its
// <Feature>Screen.tsx, which reads through useMerchant() (state/MerchantState.tsx).
import type { ReactNode } from 'react';
import { ChartLine, FileText, Inbox, type LucideIcon, Tag, VenetianMask } from '../shared/ui/index.ts';
import { CampaignsScreen } from './campaigns/CampaignsScreen.tsx';
import { MasksScreen } from './masks/MasksScreen.tsx';
import { OffersScreen } from './offers/OffersScreen.tsx';
import { RecordsScreen } from './records/RecordsScreen.tsx';
import { RequestsScreen } from './requests/RequestsScreen.tsx';

/** `icon`: the navigation link's icon (shared/ui/Icon.tsx). */
export type MerchantScreen = { path: string; label: string; icon?: LucideIcon; element: ReactNode };

export const merchantScreens: MerchantScreen[] = [
  { path: 'requests', label: 'Requests', icon: Inbox, element: <RequestsScreen /> },
  { path: 'records', label: 'Records', icon: FileText, element: <RecordsScreen /> },
  { path: 'campaigns', label: 'Campaigns', icon: ChartLine, element: <CampaignsScreen /> },
  { path: 'offers', label: 'Offers', icon: Tag, element: <OffersScreen /> },
  { path: 'masks', label: 'Masks', icon: VenetianMask, element: <MasksScreen /> },
];
