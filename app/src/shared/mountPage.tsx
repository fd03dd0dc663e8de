// Both pages start the same way: Node's globals for the SDK in the browser, the one stylesheet,
// and the app rendered into the page's #root in StrictMode.
import './nodeGlobals.ts';
import './base.css';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

export function mountPage(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error(`${location.pathname} has no #root element.`);
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
