// Checks every open request once it is shown (requests/checkRequest.ts): whether the credentials
// can answer it and whether its reward can still be paid. Again whenever the credentials or the
// answers change.
import { useEffect, useState } from 'react';
import { type RequestCheck, rewardOutlookOf, whyCredentialsFail } from '../requests/checkRequest.ts';
import type { WalletRequest } from '../walletRequests.ts';
import { requestOf } from './podState.ts';
import type { PodAccess } from './usePod.ts';

export function useRequestChecks(access: PodAccess, open: readonly WalletRequest[]): Record<string, RequestCheck> {
  const { pod, config, now } = access;
  const [checks, setChecks] = useState<Record<string, RequestCheck>>({});
  const keys = open.map((item) => item.key).join(',');
  const credentials = pod?.credentials.items;
  const receipts = pod?.receipts.items;
  const holderSecret = pod?.wallet?.holderSecret;

  // biome-ignore lint/correctness/useExhaustiveDependencies: checked again when the requests, credentials, answers or the unlocked wallet change.
  useEffect(() => {
    if (!pod) return;
    let stale = false;
    const answered = pod.receipts.items.map((entry) => ({ receipt: entry.value, signed: requestOf(pod, entry.value) }));
    for (const item of open) {
      void (async () => {
        const unsatisfied = await whyCredentialsFail(
          item.signed,
          pod.credentials.items.map((entry) => entry.value),
          now,
        );
        const reward =
          holderSecret === undefined
            ? null
            : await rewardOutlookOf({ signed: item.signed, config, holderSecret, answered }).catch(() => null);
        if (!stale) setChecks((known) => ({ ...known, [item.key]: { unsatisfied, reward } }));
      })();
    }
    return () => {
      stale = true;
    };
  }, [keys, credentials, receipts, holderSecret, now]);
  return checks;
}
