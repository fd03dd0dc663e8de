import '../shared/nodeGlobals.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MerchantApp } from './MerchantApp.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('merchant.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <MerchantApp />
  </StrictMode>,
);
