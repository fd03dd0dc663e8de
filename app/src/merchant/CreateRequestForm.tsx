import type { SignedRequest } from '@decdp/sdk/protocol';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../shared/errors.ts';
import { createMerchantRequest } from '../shared/merchantService.ts';
import { Button, Card, CheckboxField, Send, TextAreaField, TextField } from '../shared/ui/index.ts';
import { buildPredicate } from './buildPredicate.ts';
import { PredicateFields, usePredicateInput } from './PredicateFields.tsx';

/** The form a merchant fills in to ask people for one proven attribute. */
export function CreateRequestForm(props: {
  merchantService: string;
  operatorToken: string;
  /** A campaign pays rewards: the service adds its predicate to rewarded requests. */
  campaign: { amount: string | null } | null;
  onCreated: (signed: SignedRequest) => void;
  onStatus: (message: string) => void;
}) {
  const predicate = usePredicateInput({ attribute: 'age', op: 'gte', value: '18' });
  const [purposeCode, setPurposeCode] = useState('marketing');
  const [purposeText, setPurposeText] = useState('');
  const [retentionDays, setRetentionDays] = useState('30');
  const [reward, setReward] = useState(props.campaign !== null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const [sending, setSending] = useState(false);

  if (!predicate) return <p>The attribute vocabulary is empty.</p>;
  const { attribute, op, value, valueTo } = predicate;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSending(true);
    try {
      const signed = await createMerchantRequest(
        props.merchantService,
        {
          predicates: [buildPredicate({ attribute, op, value, valueTo })],
          purpose: { code: purposeCode.trim(), text: purposeText.trim() },
          retentionDays: Number(retentionDays),
          ...(reward && props.campaign ? { reward: true } : {}),
        },
        props.operatorToken,
      );
      props.onCreated(signed);
      props.onStatus(`Request ${signed.request.id} created and signed.`);
    } catch (caught) {
      const words = errorInWords(caught);
      setError(words);
      props.onStatus(`The request was not created: ${words.message}`);
    } finally {
      setSending(false);
    }
  }

  return (
    <Card as="section" title="Ask for a proof" level={2}>
      <form onSubmit={submit} aria-label="Ask for a proof" data-testid="merchant-request-form">
        <PredicateFields input={predicate} attributeLabel="Attribute" testIdPrefix="merchant" />
        <TextField
          label="Purpose code"
          data-testid="merchant-purpose-code"
          value={purposeCode}
          maxLength={40}
          onValue={setPurposeCode}
          required
        />
        <TextAreaField
          label="Purpose, as the person will read it"
          data-testid="merchant-purpose"
          value={purposeText}
          maxLength={500}
          rows={2}
          cols={50}
          onValue={setPurposeText}
          required
        />
        <TextField
          label="Keep the record for (days)"
          data-testid="merchant-retention"
          type="number"
          min={1}
          max={3650}
          value={retentionDays}
          onValue={setRetentionDays}
          required
        />
        <CheckboxField
          label="Pay the campaign reward"
          data-testid="merchant-reward"
          checked={reward && props.campaign !== null}
          disabled={props.campaign === null}
          onChecked={setReward}
          hint={
            props.campaign
              ? "Rewarded requests also ask for the campaign's own condition, which the reward contract checks."
              : 'This merchant has no reward campaign.'
          }
        />
        {error ? <ErrorNotice error={error} testId="merchant-error" /> : null}
        <Button type="submit" variant="primary" icon={Send} data-testid="merchant-create-request" busy={sending}>
          {sending ? 'Creating…' : 'Create and sign request'}
        </Button>
      </form>
    </Card>
  );
}
