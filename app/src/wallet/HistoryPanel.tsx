// "How my data is used": every answer and every "no", by merchant — what was proven, why, for how
// long, what it paid, and its status now (active; revoked with the merchant's signed deletion
// confirmation; denied). Revoke one answer, or opt out of an attribute altogether: a standing
// "never" rule stops future proofs and every merchant holding an answer about it is told to delete.
import { type ConsentReceipt, getAttribute } from '@decdp/sdk/protocol';
import { formatUnits } from 'ethers';
import { plural } from '../shared/format.ts';
import { Ban, Button, CardList, Empty, Section, Undo2 } from '../shared/ui/index.ts';
import type { DenialReceipt } from './denialReceipt.ts';

export type DeletionSummary = { deletedAt: number; deletedRecords: number };

type Entry =
  | { kind: 'answer'; url: string; receipt: ConsentReceipt }
  | { kind: 'denial'; url: string; denial: DenialReceipt };

function attributeLabel(id: string): string {
  try {
    return getAttribute(id, 'attribute').label;
  } catch {
    return id;
  }
}

export function HistoryPanel(props: {
  receipts: readonly { url: string; value: ConsentReceipt }[];
  denials: readonly { url: string; value: DenialReceipt }[];
  /** By receipt id. */
  confirmations: ReadonlyMap<string, DeletionSummary>;
  /** Attribute ids each receipt's request asked about, by receipt id (from the saved requests). */
  attributesOf: ReadonlyMap<string, readonly string[]>;
  /** What each answer told its merchant, per attribute, in words, by receipt id. */
  disclosuresOf: ReadonlyMap<string, readonly { attribute: string; words: string }[]>;
  /** Attributes with an opt-out rule. */
  optedOut: ReadonlySet<string>;
  /** Receipt id being revoked, or attribute being opted out of. */
  working: string | null;
  token: { symbol: string; decimals: number };
  onRevoke: (receiptUrl: string) => void;
  onOptOut: (attribute: string) => void;
}) {
  const entries: Entry[] = [
    ...props.receipts.map((entry) => ({ kind: 'answer' as const, url: entry.url, receipt: entry.value })),
    ...props.denials.map((entry) => ({ kind: 'denial' as const, url: entry.url, denial: entry.value })),
  ];
  const merchantOf = (entry: Entry) => (entry.kind === 'answer' ? entry.receipt.merchant : entry.denial.merchant);
  const timeOf = (entry: Entry) => (entry.kind === 'answer' ? entry.receipt.createdAt : entry.denial.deniedAt);
  const byMerchant = new Map<string, Entry[]>();
  for (const entry of entries.sort((a, b) => timeOf(b).localeCompare(timeOf(a)))) {
    const key = merchantOf(entry).address;
    byMerchant.set(key, [...(byMerchant.get(key) ?? []), entry]);
  }
  // Who holds an answer about which attribute, and what exactly it told them (active answers only).
  const holders = new Map<string, Map<string, Set<string>>>();
  for (const { value: receipt } of props.receipts) {
    if (receipt.status !== 'active') continue;
    const told = props.disclosuresOf.get(receipt.id) ?? [];
    for (const attribute of props.attributesOf.get(receipt.id) ?? []) {
      const byMerchant = holders.get(attribute) ?? new Map<string, Set<string>>();
      const words = byMerchant.get(receipt.merchant.name) ?? new Set<string>();
      for (const disclosure of told) if (disclosure.attribute === attribute) words.add(disclosure.words);
      holders.set(attribute, byMerchant.set(receipt.merchant.name, words));
    }
  }
  const active = props.receipts.filter((entry) => entry.value.status === 'active').length;
  const revoked = props.receipts.length - active;
  const amount = (value: string) => `${formatUnits(value, props.token.decimals)} ${props.token.symbol}`;

  return (
    <Section title="How my data is used" id="history" testId="history-panel">
      <p data-testid="history-summary">
        {byMerchant.size === 0
          ? 'You have not answered any request yet.'
          : `${plural(active, 'answer')} active, ${revoked} revoked, ${plural(props.denials.length, 'request')} you said no to, with ${plural(byMerchant.size, 'merchant')}.`}
      </p>
      {[...byMerchant.entries()].map(([address, list]) => {
        const merchant = list[0] ? merchantOf(list[0]) : { name: address };
        return (
          <Section key={address} level={3} title={merchant.name} testId="history-merchant">
            <CardList>
              {list.map((entry) =>
                entry.kind === 'answer' ? (
                  <AnswerItem
                    key={entry.url}
                    url={entry.url}
                    receipt={entry.receipt}
                    confirmation={props.confirmations.get(entry.receipt.id)}
                    working={props.working === entry.receipt.id}
                    disabled={props.working !== null}
                    amount={amount}
                    onRevoke={props.onRevoke}
                  />
                ) : (
                  <DenialItem key={entry.url} denial={entry.denial} amount={amount} />
                ),
              )}
            </CardList>
          </Section>
        );
      })}
      <h3 id="attributes-heading">What merchants know about you</h3>
      {holders.size === 0 && props.optedOut.size === 0 ? (
        <Empty>No merchant holds an active answer about you.</Empty>
      ) : null}
      <ul className="cards" aria-labelledby="attributes-heading" data-testid="shared-attributes">
        {[...new Set([...holders.keys(), ...props.optedOut])].sort().map((attribute) => {
          const label = attributeLabel(attribute);
          const known = [...(holders.get(attribute) ?? new Map<string, Set<string>>())];
          const merchants = known.map(([name]) => name);
          const optedOut = props.optedOut.has(attribute);
          return (
            <li key={attribute} data-testid="shared-attribute" data-attribute={attribute} data-opted-out={optedOut}>
              <strong>{label}</strong>:{' '}
              {known.length
                ? known.map(([name, words]) => `${name} knows ${[...words].join(' and ')}`).join('; ')
                : 'no merchant holds an answer about it'}
              .
              {optedOut ? (
                <p className="muted" data-testid="opted-out">
                  You opted out: your wallet never proves your {label} again, and the merchants were told to delete what
                  they had.
                </p>
              ) : (
                <div>
                  <Button
                    variant="danger"
                    icon={Ban}
                    data-testid="opt-out-button"
                    onClick={() => props.onOptOut(attribute)}
                    disabled={props.working !== null}
                    busy={props.working === attribute}
                    aria-label={`Opt out of ${label}: never prove it again and ask ${plural(merchants.length, 'merchant')} to delete it`}
                  >
                    {props.working === attribute ? 'Opting out…' : `Opt out of ${label}`}
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function AnswerItem(props: {
  url: string;
  receipt: ConsentReceipt;
  confirmation: DeletionSummary | undefined;
  working: boolean;
  disabled: boolean;
  amount: (value: string) => string;
  onRevoke: (url: string) => void;
}) {
  const { receipt, confirmation } = props;
  const status =
    receipt.status === 'revoked'
      ? confirmation
        ? `revoked, deletion confirmed at ${new Date(confirmation.deletedAt * 1000).toLocaleString()} (${plural(confirmation.deletedRecords, 'record')} deleted)`
        : `revoked ${receipt.revokedAt ? new Date(receipt.revokedAt).toLocaleString() : ''}`
      : 'active';
  return (
    <li data-testid="history-item" data-status={receipt.status} data-request-id={receipt.requestId}>
      <dl className="facts">
        <dt>You proved</dt>
        <dd>{receipt.predicates.join('; ')}</dd>
        <dt>Purpose</dt>
        <dd>{receipt.purpose.text}</dd>
        <dt>Kept for</dt>
        <dd>{receipt.retentionDays} days</dd>
        <dt>Answered</dt>
        <dd>{new Date(receipt.createdAt).toLocaleString()}</dd>
        <dt>Reward</dt>
        <dd>
          {receipt.reward
            ? `${props.amount(receipt.reward.amount)}${receipt.reward.txHash ? ', paid' : ', not paid yet'}`
            : 'none'}
        </dd>
        <dt>Status</dt>
        <dd data-testid="history-status">{status}</dd>
      </dl>
      {receipt.status === 'active' ? (
        <Button
          variant="danger"
          icon={Undo2}
          data-testid="revoke-button"
          onClick={() => props.onRevoke(props.url)}
          disabled={props.disabled}
          busy={props.working}
          aria-label={`Revoke your answer to ${receipt.merchant.name} (${receipt.predicates.join('; ')}) and ask them to delete it`}
        >
          {props.working ? 'Revoking…' : 'Revoke and ask to delete'}
        </Button>
      ) : null}
    </li>
  );
}

function DenialItem(props: { denial: DenialReceipt; amount: (value: string) => string }) {
  const { denial } = props;
  return (
    <li data-testid="history-item" data-status="denied" data-request-id={denial.requestId}>
      <dl className="facts">
        <dt>They asked</dt>
        <dd>{denial.predicates.join('; ')}</dd>
        <dt>Purpose</dt>
        <dd>{denial.purpose.text}</dd>
        <dt>Would have kept it for</dt>
        <dd>{denial.retentionDays} days</dd>
        <dt>Would have paid</dt>
        <dd>{denial.reward ? props.amount(denial.reward.amount) : 'nothing'}</dd>
        <dt>Status</dt>
        <dd data-testid="history-status">
          denied {denial.deniedBy === 'person' ? 'by you' : 'by your setting'} on{' '}
          {new Date(denial.deniedAt).toLocaleString()}; nothing was sent
        </dd>
      </dl>
    </li>
  );
}
