// Screen "Add credentials": issuers (from the config, or any URL the person enters), the source's
// sign-in (a form, Sign-In with Ethereum, or the source's page in a popup), a preview of exactly
// what will be issued, then the credentials stored in the pod with their provenance in words;
// credentials near their end can be renewed at the same source, and deleted.
import { getAttribute } from '@decdp/sdk/protocol';
import { credentialsDueForRenewal, describeProvenance } from '@decdp/sdk/wallet';
import { type FormEvent, useEffect, useState } from 'react';
import {
  Actions,
  Badge,
  Button,
  Card,
  CardList,
  Empty,
  Field,
  Loading,
  LogIn,
  Notice,
  Plus,
  RefreshCw,
  Search,
  Section,
  TextField,
  Trash2,
  X,
} from '../../shared/ui/index.ts';
import { holdCredentialDelete } from '../credentials/CredentialsScreen.tsx';
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
    <Section title="Add credentials" testId="issuance-screen">
      <p className="muted">
        An issuer reads a source you already have and signs bands (never the raw data) for this wallet. You see exactly
        what it will sign before anything is stored in your pod.
      </p>

      {step.kind === 'idle' ? (
        <>
          <CardList data-testid="issuer-list">
            {issuance.issuers.map((issuer) => (
              <Card as="li" key={issuer.url} data-testid="issuer-item" title={issuer.descriptor?.name ?? issuer.url}>
                {issuer.error ? (
                  <Notice tone="error" role="status" testId="issuer-error">
                    {issuer.error}
                  </Notice>
                ) : null}
                <ul>
                  {issuer.descriptor?.sources.map((source) => (
                    <li key={source.id} data-testid="issuer-source" data-source={source.id}>
                      <strong>{source.name}</strong>
                      {source.selfAsserted ? <Badge>self-asserted, from your pod</Badge> : null}
                      <p className="muted">{source.description}</p>
                      <Button
                        icon={Plus}
                        data-testid="issuer-source-add"
                        disabled={busy || !pod.wallet}
                        onClick={() => void issuance.begin(issuer.url, source.id)}
                      >
                        Add from {source.name}
                      </Button>
                    </li>
                  ))}
                </ul>
              </Card>
            ))}
          </CardList>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (issuerUrl.trim()) void issuance.addIssuer(issuerUrl.trim());
            }}
          >
            <TextField
              label="Another issuer’s address"
              data-testid="issuer-url"
              type="url"
              value={issuerUrl}
              onValue={setIssuerUrl}
            />
            <Button type="submit" icon={Search} data-testid="issuer-url-add">
              Look it up
            </Button>
          </form>
        </>
      ) : null}

      {step.kind === 'working' ? <Loading testId="issuance-working">{step.words}</Loading> : null}

      {step.kind === 'form' ? (
        <Card>
          <form onSubmit={submitForm} data-testid="issuance-form">
            {step.fields.map((field) => (
              <Field key={field.name} label={field.label}>
                {(control) => (
                  <input
                    {...control}
                    name={field.name}
                    type={field.secret ? 'password' : 'text'}
                    data-testid={`issuance-field-${field.name}`}
                  />
                )}
              </Field>
            ))}
            <Actions>
              <Button type="submit" variant="primary" icon={LogIn} data-testid="issuance-sign-in">
                Sign in
              </Button>
              <CancelButton onCancel={issuance.cancel} />
            </Actions>
          </form>
        </Card>
      ) : null}

      {step.kind === 'siwe' ? (
        <Card data-testid="issuance-siwe">
          <p>
            Sign in with your Ethereum account: a signed message, no transaction, no fee. With no browser wallet, this
            wallet’s own reward account signs; enter your recovery phrase (it stays in this page).
          </p>
          <TextField
            label="Recovery phrase"
            data-testid="issuance-phrase"
            type="password"
            value={phrase}
            onValue={setPhrase}
          />
          <Actions>
            <Button
              variant="primary"
              icon={LogIn}
              data-testid="issuance-siwe-sign"
              onClick={() => {
                void issuance.signInWithEthereum(phrase || null);
                setPhrase('');
              }}
            >
              Sign in with Ethereum
            </Button>
            <CancelButton onCancel={issuance.cancel} />
          </Actions>
        </Card>
      ) : null}

      {step.kind === 'redirect' ? (
        <Card data-testid="issuance-redirect">
          <p>
            Sign in and approve at the source in the window that opened (or{' '}
            <a href={step.url} target="decdp-issuer-source" rel="opener">
              open it again
            </a>
            ). This page continues when you are back.
          </p>
          <CancelButton onCancel={issuance.cancel} />
        </Card>
      ) : null}

      {step.kind === 'preview' ? (
        <Card
          data-testid="issuance-preview"
          title={`${step.preview.issuer.name} would sign, from ${step.preview.source.name}${step.preview.source.selfAsserted ? ' (self-asserted)' : ''}:`}
        >
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
          <Actions>
            <Button
              variant="primary"
              icon={Plus}
              data-testid="issuance-accept"
              onClick={() => void issuance.accept(step.preview)}
            >
              Accept and store in my pod
            </Button>
            <CancelButton onCancel={issuance.cancel} testId="issuance-cancel" />
          </Actions>
        </Card>
      ) : null}

      {renewalNotices.length ? (
        <CardList data-testid="renewal-notices">
          {renewalNotices.map((notice) => (
            <Card as="li" key={`${notice.issuerUrl} ${notice.source} ${notice.expiresAt}`} data-testid="renewal-notice">
              <p>
                {notice.words} {notice.items.length === 1 ? 'One credential' : `${notice.items.length} credentials`}{' '}
                from {notice.issuerName} {notice.items.length === 1 ? 'expires' : 'expire'} on{' '}
                {renewalDay(notice.expiresAt)} unless you renew {notice.items.length === 1 ? 'it' : 'them'}.
              </p>
              <RenewButton
                testId="renewal-notice-renew"
                disabled={busy}
                sourceName={notice.sourceName}
                onRenew={() => void issuance.begin(notice.issuerUrl, notice.source)}
              />
            </Card>
          ))}
        </CardList>
      ) : null}

      <h3>From issuers</h3>
      {issued.length === 0 ? <Empty>No credentials from issuers yet.</Empty> : null}
      <CardList data-testid="issued-list">
        {issued.map(({ url, value }) => {
          const evidence = value.evidence?.[0];
          const renew = due.some((entry) => entry.url === url);
          const label = labelOf(value.credentialSubject.attribute);
          return (
            <Card
              as="li"
              key={url}
              data-testid="issued-item"
              data-attribute={value.credentialSubject.attribute}
              data-url={url}
              data-expires-at={value.decdp.expiresAt}
            >
              <strong>{label}</strong>: {String(value.credentialSubject.value)}
              <p className="muted" data-testid="issued-provenance">
                {describeProvenance(value)}
              </p>
              <Actions>
                {renew && evidence ? (
                  <RenewButton
                    testId="issued-renew"
                    disabled={busy}
                    sourceName={evidence.sourceName}
                    onRenew={() => void issuance.begin(evidence.issuerUrl, evidence.source)}
                  />
                ) : null}
                <Button
                  variant="danger"
                  icon={Trash2}
                  data-testid="issued-delete"
                  disabled={busy}
                  onClick={() => holdCredentialDelete({ url, label, remove: wallet.removeCredential })}
                >
                  Delete
                </Button>
              </Actions>
            </Card>
          );
        })}
      </CardList>
    </Section>
  );
}

function CancelButton(props: { onCancel: () => void; testId?: string }) {
  return (
    <Button icon={X} data-testid={props.testId} onClick={props.onCancel}>
      Cancel
    </Button>
  );
}

function RenewButton(props: { testId: string; disabled: boolean; sourceName: string; onRenew: () => void }) {
  return (
    <Button icon={RefreshCw} data-testid={props.testId} disabled={props.disabled} onClick={props.onRenew}>
      Renew at {props.sourceName}
    </Button>
  );
}
