// The pages' one button: a native <button> (keyboard, forms, test ids all work as before) with a
// variant, an optional icon and a busy state. `primary` is the one thing a screen asks for,
// `danger` takes something back, `quiet` sits inside a line of text.
import type { ComponentPropsWithRef } from 'react';
import { Icon, LoaderCircle, type LucideIcon } from './Icon.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export type ButtonProps = ComponentPropsWithRef<'button'> & {
  variant?: ButtonVariant;
  icon?: LucideIcon;
  /** Shows a spinner instead of the icon and disables the button (aria-busy). */
  busy?: boolean;
  size?: 'small' | 'normal';
};

export function Button({ variant = 'secondary', icon, busy, size = 'normal', className, ...props }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      {...props}
      className={classes}
      disabled={props.disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <Icon icon={LoaderCircle} className="spin" /> : icon ? <Icon icon={icon} /> : null}
      {props.children}
    </button>
  );
}
