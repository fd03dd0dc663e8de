// Screen "Add credentials": issuers (from the config, or any URL the person enters), the source's
// sign-in (a form, Sign-In with Ethereum, or the source's page in a popup), a preview of exactly
// what will be issued, then the credentials stored in the pod with their provenance in words;
// credentials near their end can be renewed at the same source, and deleted.
import { getAttribute } from '@decdp/sdk/protocol';
import { credentialsDueForRenewal, describeProvenance } from '@decdp/sdk/wallet';
import { type FormEvent, useEffect, useState } from 'react';
import { useLoadedWallet } from '../state/WalletState.tsx';
import { checkRenewalsNow, renewalDay, useRenewalNotices } from './useAutomaticRenewal.ts';
import { useIssuance } from './useIssuance.ts';

function labelOf(attribute: string): string {
  try {
    return getAttribute(attribute).label;
  } catch {
    return attribute;
  }
}

export function AddCredentialsScreen() {
  const wallet = useLoadedWallet();
  const issuance = useIssuance();
  const [issuerUrl, setIssuerUrl] = useState('');
  const [phrase, setPhrase] = useState('');
  const renewalNotices = useRenewalNotices();
  useEffect(() => checkRenewalsNow(), []);
  const { pod } = wallet;
  const { step } = issuance;
  const busy = step.kind !== 'idle';
  const issued = pod.credentials.items.filter(({ value }) => value.evidence?.length);
  const due = credentialsDueForRenewal({
    items: issued.map((entry) => ({ ...entry, credential: entry.value })),
    now: wallet.now,
  });

  function submitForm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    issuance.submitForm(Object.fromEntries([...data.entries()].map(([key, value]) => [key, String(value)])));
  }

  return (
    <section aria-labelledby="issuance-heading" data-testid="issuance-screen">
      <h2 id="issuance-heading">Add credentials</h2>
      <p className="muted">
        An issuer reads a source you already have and signs bands (never the raw data) for this wallet. You see exactly
        what it will sign before anything is stored in your pod.
      </p>

      {step.kind === 'idle' ? (
        <>
          <ul className="cards" data-testid="issuer-list">
            {issuance.issuers.map((issuer) => (
              <li key={issuer.url} data-testid="issuer-item">
                <h3>{issuer.descriptor?.name ?? issuer.url}</h3>
                {issuer.error ? (
                  <p className="notice notice-error" data-testid="issuer-error">
                    {issuer.error}
                  </p>
                ) : null}
                <ul>
                  {issuer.descriptor?.sources.map((source) => (
                    <li key={source.id} data-testid="issuer-source" data-source={source.id}>
                      <strong>{source.name}</strong>
                      {source.selfAsserted ? <span className="muted"> (self-asserted, from your pod)</span> : null}
                      <p className="muted">{source.description}</p>
                      <button
                        type="button"
                        data-testid="issuer-source-add"
                        disabled={busy || !pod.wallet}
                        onClick={() => void issuance.begin(issuer.url, source.id)}
                      >
                        Add from {source.name}
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (issuerUrl.trim()) void issuance.addIssuer(issuerUrl.trim());
            }}
          >
            <label>
              Another issuer’s address{' '}
              <input
                data-testid="issuer-url"
                type="url"
                value={issuerUrl}
                onChange={(event) => setIssuerUrl(event.target.value)}
              />
            </label>{' '}
            <button type="submit" data-testid="issuer-url-add">
              Look it up
            </button>
          </form>
        </>
      ) : null}

      {step.kind === 'working' ? (
        <p role="status" data-testid="issuance-working">
          {step.words}
        </p>
      ) : null}

      {step.kind === 'form' ? (
        <form onSubmit={submitForm} data-testid="issuance-form">
          {step.fields.map((field) => (
            <label key={field.name}>
              {field.label}{' '}
              <input
                name={field.name}
                type={field.secret ? 'password' : 'text'}
                data-testid={`issuance-field-${field.name}`}
              />
            </label>
          ))}
          <button type="submit" data-testid="issuance-sign-in">
            Sign in
          </button>{' '}
          <button type="button" onClick={issuance.cancel}>
            Cancel
          </button>
        </form>
      ) : null}

      {step.kind === 'siwe' ? (
        <div data-testid="issuance-siwe">
          <p>
            Sign in with your Ethereum account: a signed message, no transaction, no fee. With no browser wallet, this
            wallet’s own reward account signs; enter your recovery phrase (it stays in this page).
          </p>
          <label>
            Recovery phrase{' '}
            <input
              data-testid="issuance-phrase"
              type="password"
              value={phrase}
              onChange={(event) => setPhrase(event.target.value)}
            />
          </label>{' '}
          <button
            type="button"
            data-testid="issuance-siwe-sign"
            onClick={() => {
              void issuance.signInWithEthereum(phrase || null);
              setPhrase('');
            }}
          >
            Sign in with Ethereum
          </button>{' '}
          <button type="button" onClick={issuance.cancel}>
            Cancel
          </button>
        </div>
      ) : null}

      {step.kind === 'redirect' ? (
        <p data-testid="issuance-redirect">
          Sign in and approve at the source in the window that opened (or{' '}
          <a href={step.url} target="decdp-issuer-source" rel="opener">
            open it again
          </a>
          ). This page continues when you are back.{' '}
          <button type="button" onClick={issuance.cancel}>
            Cancel
          </button>
        </p>
      ) : null}

      {step.kind === 'preview' ? (
        <div data-testid="issuance-preview">
          <h3>
            {step.preview.issuer.name} would sign, from {step.preview.source.name}
            {step.preview.source.selfAsserted ? ' (self-asserted)' : ''}:
          </h3>
          <ul>
            {step.preview.attributes.map((entry) => (
              <li key={`${entry.attribute}:${String(entry.value)}`} data-testid="issuance-preview-item">
                {labelOf(entry.attribute)}: {entry.description}
              </li>
            ))}
          </ul>
          <p className="muted">
            Valid until {new Date(step.preview.expiresAt * 1000).toLocaleDateString()}. Nothing else is issued, and the
            issuer keeps only a log (which credential, when), not the values.
          </p>
          <button type="button" data-testid="issuance-accept" onClick={() => void issuance.accept(step.preview)}>
            Accept and store in my pod
          </button>{' '}
          <button type="button" data-testid="issuance-cancel" onClick={issuance.cancel}>
            Cancel
          </button>
        </div>
      ) : null}

      {renewalNotices.length ? (
        <ul className="cards" data-testid="renewal-notices">
          {renewalNotices.map((notice) => (
            <li key={`${notice.issuerUrl} ${notice.source} ${notice.expiresAt}`} data-testid="renewal-notice">
              <p>
                {notice.words} {notice.items.length === 1 ? 'One credential' : `${notice.items.length} credentials`}{' '}
                from {notice.issuerName} {notice.items.length === 1 ? 'expires' : 'expire'} on{' '}
                {renewalDay(notice.expiresAt)} unless you renew {notice.items.length === 1 ? 'it' : 'them'}.
              </p>
              <button
                type="button"
                data-testid="renewal-notice-renew"
                disabled={busy}
                onClick={() => void issuance.begin(notice.issuerUrl, notice.source)}
              >
                Renew at {notice.sourceName}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <h3>From issuers</h3>
      {issued.length === 0 ? <p className="muted">No credentials from issuers yet.</p> : null}
      <ul className="cards" data-testid="issued-list">
        {issued.map(({ url, value }) => {
          const evidence = value.evidence?.[0];
          const renew = due.some((entry) => entry.url === url);
          return (
            <li
              key={url}
              data-testid="issued-item"
              data-attribute={value.credentialSubject.attribute}
              data-url={url}
              data-expires-at={value.decdp.expiresAt}
            >
              <strong>{labelOf(value.credentialSubject.attribute)}</strong>: {String(value.credentialSubject.value)}
              <p className="muted" data-testid="issued-provenance">
                {describeProvenance(value)}
              </p>
              {renew && evidence ? (
                <button
                  type="button"
                  data-testid="issued-renew"
                  disabled={busy}
                  onClick={() => void issuance.begin(evidence.issuerUrl, evidence.source)}
                >
                  Renew at {evidence.sourceName}
                </button>
              ) : null}{' '}
              <button
                type="button"
                data-testid="issued-delete"
                disabled={busy}
                onClick={() => void wallet.removeCredential(url)}
              >
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
