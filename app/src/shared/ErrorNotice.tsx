import type { ErrorInWords } from './errors.ts';

/** An error in words: what went wrong, and what the person can do about it. */
export function ErrorNotice(props: { error: ErrorInWords; testId?: string; onDismiss?: () => void }) {
  const { error } = props;
  return (
    <div
      role="alert"
      className="notice notice-error"
      data-testid={props.testId ?? 'error-message'}
      data-code={error.code}
    >
      <p>
        <strong>{error.message}</strong>
      </p>
      {error.hint ? <p>What you can do: {error.hint}</p> : null}
      {props.onDismiss ? (
        <button type="button" onClick={props.onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
