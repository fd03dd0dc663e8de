// Dialogs from Radix (focus trapped and returned, Escape closes, the rest of the page inert):
// Dialog for reading (the glossary, details), ConfirmDialog for asking before doing something.
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as RadixDialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { Button, type ButtonVariant } from './Button.tsx';
import { Icon, X } from './Icon.tsx';

export function Dialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
  /** Called when the dialog opens, to move focus somewhere else than its first control. */
  onOpenAutoFocus?: (event: Event) => void;
}) {
  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={props.className ? `dialog ${props.className}` : 'dialog'}
          data-testid={props.testId}
          {...(props.description ? {} : { 'aria-describedby': undefined })}
          {...(props.onOpenAutoFocus ? { onOpenAutoFocus: props.onOpenAutoFocus } : {})}
        >
          <div className="dialog-head">
            <RadixDialog.Title className="dialog-title">{props.title}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <button type="button" className="btn btn-quiet btn-icon" aria-label="Close">
                <Icon icon={X} />
              </button>
            </RadixDialog.Close>
          </div>
          {props.description ? (
            <RadixDialog.Description className="muted">{props.description}</RadixDialog.Description>
          ) : null}
          {props.children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Asks once before an action: the trigger opens it, Cancel (focused first) or the action closes it. */
export function ConfirmDialog(props: {
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: ButtonVariant;
  testId?: string;
}) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{props.trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid={props.testId ?? 'confirm-dialog'}>
          <AlertDialog.Title className="dialog-title">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="muted">{props.description}</AlertDialog.Description>
          <div className="actions">
            <AlertDialog.Cancel asChild>
              <Button data-testid="confirm-cancel">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={props.variant ?? 'danger'} data-testid="confirm-ok" onClick={props.onConfirm}>
                {props.confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
