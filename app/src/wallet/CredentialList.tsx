import { type AttributeCredential, getAttribute } from '@decdp/sdk/protocol';
import { formatDate } from '../shared/format.ts';
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

/** The person's credentials: the values are shown here, in their own wallet, and nowhere else. */
export function CredentialList(props: {
  credentials: readonly { url: string; value: AttributeCredential }[];
  invalid: readonly InvalidDocument[];
  now: number;
}) {
  return (
    <section aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">Your credentials</h2>
      {props.credentials.length === 0 ? <p className="muted">No credentials in your pod yet.</p> : null}
      <ul className="cards" data-testid="credential-list">
        {props.credentials.map(({ url, value: credential }) => {
          const { label, unit } = labelOf(credential.credentialSubject.attribute);
          const expired = credential.decdp.expiresAt <= props.now;
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
            </li>
          );
        })}
      </ul>
      {props.invalid.map((doc) => (
        <p key={doc.url} className="notice notice-error">
          A document in your credentials folder could not be read and is not used: {doc.message}
        </p>
      ))}
    </section>
  );
}
