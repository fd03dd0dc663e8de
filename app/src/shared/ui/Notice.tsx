// A message inside the page: info (what is going on), success, warning, error. Errors are alerts
// (announced at once); the others are plain text the person reads when they get there.
import type { ReactNode } from 'react';
import { Check, CircleAlert, Icon, Info, type LucideIcon } from './Icon.tsx';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

const ICONS: Record<NoticeTone, LucideIcon> = { info: Info, success: Check, warning: CircleAlert, error: CircleAlert };

export function Notice(props: {
  tone?: NoticeTone;
  children: ReactNode;
  testId?: string;
  /** Extra data attributes for tests (data-code…). */
  data?: Record<`data-${string}`, string | undefined>;
  role?: 'alert' | 'status';
}) {
  const tone = props.tone ?? 'info';
  return (
    <div
      role={props.role ?? (tone === 'error' ? 'alert' : undefined)}
      className={`notice notice-${tone}`}
      data-testid={props.testId}
      {...props.data}
    >
      <Icon icon={ICONS[tone]} className="notice-icon" />
      <div className="notice-body">{props.children}</div>
    </div>
  );
}

/** Something is being read: a spinner and the words (a polite status, so it is announced once). */
export function Loading(props: { children: ReactNode; testId?: string }) {
  return (
    <p className="loading" role="status" data-testid={props.testId ?? 'loading'}>
      <span className="spinner" aria-hidden="true" />
      {props.children}
    </p>
  );
}

/** A short label in colour: a status ("active", "revoked"), a count. */
export function Badge(props: { tone?: NoticeTone | 'neutral'; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${props.tone ?? 'neutral'}`} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

/** Nothing to show yet, in words that say what would be here ("No reward paid yet."). */
export function Empty(props: { children: ReactNode; testId?: string }) {
  return (
    <p className="muted empty" data-testid={props.testId}>
      {props.children}
    </p>
  );
}
