import '../shared/nodeGlobals.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeRequestLink } from './deliveredRequests.ts';
import { WalletApp } from './WalletApp.tsx';

// A request link (#request=…) is taken before the hash router reads the address.
takeRequestLink(window.location, sessionStorage);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <WalletApp />
  </StrictMode>,
);
