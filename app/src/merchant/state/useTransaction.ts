// One operator action that sends transactions (a campaign's, a mask payout's): the status says what
// it waits for, the error is kept in words for the form that started it, and the page's state is
// read again once it is done. Forms and tables call run(); `working` is the label of the one running.
import { useState } from 'react';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { useMerchant } from './MerchantState.tsx';

export function useTransaction(waiting = 'waiting for the transaction to confirm…') {
  const merchant = useMerchant();
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  /** Runs `work` (it answers the status to show) under `label`; a refusal is shown, not thrown. */
  const run = async (label: string, work: (service: string, token: string) => Promise<string>) => {
    if (!merchant.config || !merchant.operatorToken) return;
    setError(null);
    setWorking(label);
    merchant.setStatus(`${label}: ${waiting}`);
    try {
      merchant.setStatus(await work(merchant.config.merchantService, merchant.operatorToken));
      await merchant.refresh(false);
    } catch (caught) {
      const words = errorInWords(caught);
      setError(words);
      merchant.setStatus(`${label} failed: ${words.message}`);
    } finally {
      setWorking(null);
    }
  };
  return { working, error, dismissError: () => setError(null), run };
}
