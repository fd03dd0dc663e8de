// One action at a time in a part of a screen (Settings' passkey, the wallet agent, the wallet's
// keys): its buttons wait while it runs, and a failure is shown in words on the page's error list.
import { useState } from 'react';

/** Runs `work` with `setBusy` true around it; a failure goes to `report`. */
export async function runReported(params: {
  work: () => Promise<void>;
  setBusy: (busy: boolean) => void;
  report: (error: unknown) => void;
}): Promise<void> {
  params.setBusy(true);
  try {
    await params.work();
  } catch (error) {
    params.report(error);
  } finally {
    params.setBusy(false);
  }
}

export function useBusyAction(report: (error: unknown) => void): {
  busy: boolean;
  run: (work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  return { busy, run: (work) => runReported({ work, setBusy, report }) };
}
