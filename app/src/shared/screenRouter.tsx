// Both pages' routers: one screen per hash address (#/rewards), inside the page's frame, and
// anything else goes to the requests screen. Hash addresses keep the page one file wherever it is
// served, and the wallet's login redirect (the address without query or hash) always lands on it.
import type { ReactNode } from 'react';
import { createHashRouter, Navigate } from 'react-router';

export function screenRouter(frame: ReactNode, screens: readonly { path: string; element: ReactNode }[]) {
  return createHashRouter([
    {
      path: '/',
      element: frame,
      children: [
        { index: true, element: <Navigate to="/requests" replace /> },
        ...screens.map((screen) => ({ path: screen.path, element: screen.element })),
        { path: '*', element: <Navigate to="/requests" replace /> },
      ],
    },
  ]);
}
