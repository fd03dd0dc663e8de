import { ATTRIBUTES, type AttributeCredential, getAttribute } from '@decdp/sdk/protocol';
import { useState } from 'react';
import { formatDate, plural } from '../shared/format.ts';
import type { InvalidDocument } from './pod.ts';

function labelOf(attributeId: string): { label: string; unit?: string } {
  try {
    const attribute = getAttribute(attributeId);
    return { label: attribute.label, ...(attribute.unit ? { unit: attribute.unit } : {}) };
  } catch {
    return { label: attributeId };
  }
}

function valueInWords(value: AttributeCredential['credentialSubject']['value'], unit?: string): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return unit && unit !== 'cents' ? `${value} ${unit}` : String(value);
}

/** A credential within this many days of its end gets a warning. */
const EXPIRY_WARNING_DAYS = 30;

/** The person's credentials: the values are shown here, in their own wallet, and nowhere else. */
export function CredentialList(props: {
  credentials: readonly { url: string; value: AttributeCredential }[];
  invalid: readonly InvalidDocument[];
  now: number;
  busy: boolean;
  onDelete: (url: string) => void;
  onDeclare: (attribute: string, value: string) => void;
  onImport: (text: string) => void;
}) {
  return (
    <section aria-labelledby="credentials-heading" id="credentials">
      <h2 id="credentials-heading">Your credentials</h2>
      {props.credentials.length === 0 ? <p className="muted">No credentials in your pod yet.</p> : null}
      <ul className="cards" data-testid="credential-list">
        {props.credentials.map(({ url, value: credential }) => {
          const { label, unit } = labelOf(credential.credentialSubject.attribute);
          const expired = credential.decdp.expiresAt <= props.now;
          const daysLeft = Math.floor((credential.decdp.expiresAt - props.now) / 86_400);
          return (
            <li key={url} data-testid="credential-item" data-attribute={credential.credentialSubject.attribute}>
              <h3>{label}</h3>
              <dl className="facts">
                <dt>Value</dt>
                <dd data-testid="credential-value">{valueInWords(credential.credentialSubject.value, unit)}</dd>
                <dt>Issued by</dt>
                <dd>
                  {credential.issuer.name}
                  {credential.decdp.selfDeclared ? ' (self-declared)' : ''}
                </dd>
                <dt>{expired ? 'Expired' : 'Valid until'}</dt>
                <dd>{formatDate(credential.validUntil)}</dd>
              </dl>
              {!expired && daysLeft < EXPIRY_WARNING_DAYS ? (
                <p className="notice notice-error" data-testid="credential-expiring">
                  Expires in {plural(daysLeft, 'day')}: ask {credential.issuer.name} for a new one.
                </p>
              ) : null}
              {expired ? (
                <p className="notice notice-error" data-testid="credential-expired">
                  Expired: it can no longer be used in proofs.
                </p>
              ) : null}
              <button
                type="button"
                data-testid="credential-delete"
                onClick={() => props.onDelete(url)}
                disabled={props.busy}
                aria-label={`Delete the ${label} credential`}
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
      <DeclareForm busy={props.busy} onDeclare={props.onDeclare} />
      <label>
        Import a credential file (JSON from an issuer){' '}
        <input
          type="file"
          accept="application/json,.json"
          data-testid="credential-import"
          disabled={props.busy}
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) props.onImport(await file.text());
          }}
        />
      </label>
      {props.invalid.map((doc) => (
        <p key={doc.url} className="notice notice-error">
          A document in your credentials folder could not be read and is not used: {doc.message}
        </p>
      ))}
    </section>
  );
}

/** "Add something about me": a self-declared attribute, shown as such to merchants. */
function DeclareForm(props: { busy: boolean; onDeclare: (attribute: string, value: string) => void }) {
  const [attribute, setAttribute] = useState('interest');
  const [value, setValue] = useState('');
  const definition = ATTRIBUTES.find((entry) => entry.id === attribute);
  return (
    <form
      data-testid="declare-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (value.trim()) props.onDeclare(attribute, value.trim());
        setValue('');
      }}
    >
      <h3>Add something about you (self-declared)</h3>
      <p className="muted">Merchants see that you declared it yourself; no issuer vouches for it.</p>
      <label>
        What{' '}
        <select
          value={attribute}
          onChange={(event) => setAttribute(event.currentTarget.value)}
          data-testid="declare-attribute"
        >
          {ATTRIBUTES.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Value{' '}
        <input
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          placeholder={definition?.example ?? (definition?.type === 'date' ? 'YYYY-MM-DD' : '')}
          data-testid="declare-value"
          required
        />
      </label>{' '}
      <button type="submit" data-testid="declare-button" disabled={props.busy}>
        Add
      </button>
    </form>
  );
}
