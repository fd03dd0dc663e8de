import '../shared/nodeGlobals.ts';
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
