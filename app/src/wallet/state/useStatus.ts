// The page's one status line (announced politely) and the errors shown until dismissed.
import { useCallback, useState } from 'react';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';

export type StatusState = {
  status: string;
  setStatus: (message: string) => void;
  errors: ErrorInWords[];
  /** Shows an error in words; the same error twice (a second refresh, StrictMode's double effects) is shown once. */
  report: (error: unknown) => void;
  dismissError: (index: number) => void;
};

export function useStatus(): StatusState {
  const [status, setStatus] = useState('Loading…');
  const [errors, setErrors] = useState<ErrorInWords[]>([]);
  const report = useCallback((error: unknown) => {
    const words = errorInWords(error);
    setErrors((list) =>
      list.some((known) => known.code === words.code && known.message === words.message) ? list : [...list, words],
    );
  }, []);
  const dismissError = useCallback(
    (index: number) => setErrors((list) => list.filter((_, other) => other !== index)),
    [],
  );
  return { status, setStatus, errors, report, dismissError };
}
