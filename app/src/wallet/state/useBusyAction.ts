// One action at a time in a part of a screen (Settings' passkey, the wallet agent): its buttons
// wait while it runs, and a failure is shown in words on the page's error list.
import { useState } from 'react';

export function useBusyAction(report: (error: unknown) => void): {
  busy: boolean;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
