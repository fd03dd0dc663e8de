import '../shared/nodeGlobals.ts';
// Before WalletApp (whose module creates the router): see the file.
import './catchRequestLinks.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WalletApp } from './WalletApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <WalletApp />
  </StrictMode>,
);
