import '../shared/nodeGlobals.ts';
// Before WalletApp (whose module creates the router): see the file.
import './catchRequestLinks.ts';
import { mountPage } from '../shared/mountPage.tsx';
import { WalletApp } from './WalletApp.tsx';

mountPage(<WalletApp />);
