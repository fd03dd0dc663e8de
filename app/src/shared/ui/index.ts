// The pages' design system, wrapped once: screens import from here (shared/ui), never from the
// libraries underneath (Radix dialogs, lucide icons, sonner toasts). Tokens and classes: base.css.
export { Button, type ButtonProps, type ButtonVariant } from './Button.tsx';
export { Actions, Card, CardList } from './Card.tsx';
export { ConfirmDialog, Dialog } from './Dialog.tsx';
export { CheckboxField, type ControlProps, Field, SelectField, TextAreaField, TextField } from './Field.tsx';
export { HOLD_SECONDS, holdAction, InterruptedActions, undoAction, useHeldActions } from './heldActions.tsx';
export * from './Icon.tsx';
export { Badge, Empty, Loading, Notice, type NoticeTone } from './Notice.tsx';
export { ProgressBar } from './ProgressBar.tsx';
export { Section } from './Section.tsx';
export { DataTable, TableScroll } from './TableScroll.tsx';
export { Toasts, toast } from './Toast.tsx';
