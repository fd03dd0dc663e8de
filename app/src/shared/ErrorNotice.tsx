import type { ErrorInWords } from './errors.ts';
import { Button, Notice } from './ui/index.ts';

/** An error in words: what went wrong, and what the person can do about it. */
export function ErrorNotice(props: { error: ErrorInWords; testId?: string; onDismiss?: () => void }) {
  const { error } = props;
  return (
    <Notice tone="error" testId={props.testId ?? 'error-message'} data={{ 'data-code': error.code }}>
      <p>
        <strong>{error.message}</strong>
      </p>
      {error.hint ? <p>What you can do: {error.hint}</p> : null}
      {props.onDismiss ? (
        <Button size="small" onClick={props.onDismiss}>
          Dismiss
        </Button>
      ) : null}
    </Notice>
  );
}
