// A form field: its label, the control, a hint and an error, tied together by ids (label for,
// aria-describedby, aria-invalid) so screen readers read them with the control.
import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';

export type ControlProps = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
};

export function Field(props: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Renders the control with the ids it needs. */
  children: (control: ControlProps) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={props.className ? `field ${props.className}` : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(props.error ? { 'aria-invalid': true as const } : {}),
      })}
      {props.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<ComponentPropsWithRef<'input'>, 'id' | 'onChange' | 'value'>;

/** What the labelled controls below take besides their element's own props. */
type Labelled<V = string> = { label: ReactNode; hint?: ReactNode; value: V; onValue: (value: V) => void };

/** A labelled text input (the common case of Field): `onValue` gets the typed text. */
export function TextField({
  label,
  hint,
  error,
  value,
  onValue,
  className,
  ...input
}: InputProps & Labelled & { error?: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input {...input} {...control} value={value} onChange={(event) => onValue(event.currentTarget.value)} />
      )}
    </Field>
  );
}

/** A checkbox with its label after it, and an optional hint below. */
export function CheckboxField({
  label,
  hint,
  checked,
  onChecked,
  className,
  ...input
}: Omit<InputProps, 'type' | 'checked'> & {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className={className ? `field field-check ${className}` : 'field field-check'}>
      <input
        {...input}
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChecked(event.currentTarget.checked)}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />{' '}
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text area: `onValue` gets the typed text. */
export function TextAreaField({
  label,
  hint,
  error,
  value,
  onValue,
  ...area
}: Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'onChange' | 'value'> & Labelled & { error?: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea {...area} {...control} value={value} onChange={(event) => onValue(event.currentTarget.value)} />
      )}
    </Field>
  );
}

/** A labelled choice among a few options: `onValue` gets the chosen option's value. */
export function SelectField<V extends string>({
  label,
  hint,
  error,
  value,
  onValue,
  options,
  ...select
}: Omit<ComponentPropsWithRef<'select'>, 'id' | 'onChange' | 'value'> &
  Labelled<V> & { options: readonly { value: V; label: string }[]; error?: ReactNode }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control} value={value} onChange={(event) => onValue(event.currentTarget.value as V)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
