import { ATTRIBUTES, type AttributeCredential, getAttribute } from '@decdp/sdk/protocol';
import { useState } from 'react';
import { formatDate, plural } from '../shared/format.ts';
import {
  Badge,
  Button,
  Card,
  CardList,
  Empty,
  Field,
  Loading,
  Notice,
  Plus,
  Section,
  SelectField,
  TextField,
  Trash2,
} from '../shared/ui/index.ts';
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
  /** The pod is being read: "No credentials" would not be true yet. */
  loading?: boolean;
  onDelete: (url: string, label: string) => void;
  onDeclare: (attribute: string, value: string) => void;
  onImport: (text: string) => void;
}) {
  return (
    <Section title="Your credentials" id="credentials">
      {props.credentials.length === 0 && props.loading ? (
        <Loading testId="credentials-loading">Reading your credentials from your pod…</Loading>
      ) : null}
      {props.credentials.length === 0 && !props.loading ? (
        <Empty testId="credentials-empty">No credentials in your pod yet.</Empty>
      ) : null}
      <CardList data-testid="credential-list">
        {props.credentials.map(({ url, value: credential }) => {
          const { label, unit } = labelOf(credential.credentialSubject.attribute);
          const expired = credential.decdp.expiresAt <= props.now;
          const daysLeft = Math.floor((credential.decdp.expiresAt - props.now) / 86_400);
          return (
            <Card
              as="li"
              key={url}
              data-testid="credential-item"
              data-attribute={credential.credentialSubject.attribute}
              title={
                <>
                  {label} {credential.decdp.selfDeclared ? <Badge>self-declared</Badge> : null}
                  {expired ? <Badge tone="error">expired</Badge> : null}
                </>
              }
            >
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
                <Notice tone="warning" testId="credential-expiring">
                  Expires in {plural(daysLeft, 'day')}: ask {credential.issuer.name} for a new one.
                </Notice>
              ) : null}
              {expired ? (
                <Notice tone="error" testId="credential-expired" role="status">
                  Expired: it can no longer be used in proofs.
                </Notice>
              ) : null}
              <Button
                variant="danger"
                icon={Trash2}
                data-testid="credential-delete"
                onClick={() => props.onDelete(url, label)}
                disabled={props.busy}
                aria-label={`Delete the ${label} credential`}
              >
                Delete
              </Button>
            </Card>
          );
        })}
      </CardList>
      <DeclareForm busy={props.busy} onDeclare={props.onDeclare} />
      <Field label="Import a credential file (JSON from an issuer)">
        {(control) => (
          <input
            {...control}
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
        )}
      </Field>
      {props.invalid.map((doc) => (
        <Notice key={doc.url} tone="error" role="status">
          A document in your credentials folder could not be read and is not used: {doc.message}
        </Notice>
      ))}
    </Section>
  );
}

/** "Add something about me": a self-declared attribute, shown as such to merchants. */
function DeclareForm(props: { busy: boolean; onDeclare: (attribute: string, value: string) => void }) {
  const [attribute, setAttribute] = useState('interest');
  const [value, setValue] = useState('');
  const definition = ATTRIBUTES.find((entry) => entry.id === attribute);
  return (
    <Card as="div" className="declare" title="Add something about you (self-declared)">
      <form
        data-testid="declare-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) props.onDeclare(attribute, value.trim());
          setValue('');
        }}
      >
        <p className="muted">Merchants see that you declared it yourself; no issuer vouches for it.</p>
        <SelectField
          label="What"
          value={attribute}
          onValue={setAttribute}
          options={ATTRIBUTES.map((entry) => ({ value: entry.id, label: entry.label }))}
          data-testid="declare-attribute"
        />
        <TextField
          label="Value"
          value={value}
          onValue={setValue}
          placeholder={definition?.example ?? (definition?.type === 'date' ? 'YYYY-MM-DD' : '')}
          data-testid="declare-value"
          required
        />
        <Button type="submit" variant="primary" icon={Plus} data-testid="declare-button" disabled={props.busy}>
          Add
        </Button>
      </form>
    </Card>
  );
}
