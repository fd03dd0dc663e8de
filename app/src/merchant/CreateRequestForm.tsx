import { ATTRIBUTES, type Operator, RANGE_OPERATORS, SET_OPERATORS, type SignedRequest } from '@decdp/sdk/protocol';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../shared/errors.ts';
import { createMerchantRequest } from '../shared/merchantService.ts';
import { Button, Send } from '../shared/ui/index.ts';
import { buildPredicate, OPERATOR_WORDS, operatorsFor } from './buildPredicate.ts';

const firstAttribute = ATTRIBUTES[0];

/** The form a merchant fills in to ask people for one proven attribute. */
export function CreateRequestForm(props: {
  merchantService: string;
  operatorToken: string;
  /** A campaign pays rewards: the service adds its predicate to rewarded requests. */
  campaign: { amount: string | null } | null;
  onCreated: (signed: SignedRequest) => void;
  onStatus: (message: string) => void;
}) {
  const id = useId();
  const [attributeId, setAttributeId] = useState(firstAttribute?.id ?? 'age');
  const attribute = ATTRIBUTES.find((candidate) => candidate.id === attributeId) ?? firstAttribute;
  const operators = attribute ? operatorsFor(attribute) : [];
  const [op, setOp] = useState<Operator>('gte');
  const effectiveOp = operators.includes(op) ? op : (operators[0] ?? 'eq');
  const [value, setValue] = useState('18');
  const [valueTo, setValueTo] = useState('');
  const [purposeCode, setPurposeCode] = useState('marketing');
  const [purposeText, setPurposeText] = useState('');
  const [retentionDays, setRetentionDays] = useState('30');
  const [reward, setReward] = useState(props.campaign !== null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const [sending, setSending] = useState(false);

  if (!attribute) return <p>The attribute vocabulary is empty.</p>;
  const isRange = RANGE_OPERATORS.has(effectiveOp);
  const isSet = SET_OPERATORS.has(effectiveOp);
  const inputType =
    attribute.type === 'date' && !isSet ? 'date' : attribute.type === 'category' || isSet ? 'text' : 'number';
  const valueLabel = isSet ? 'Values (separated by commas)' : isRange ? 'From' : 'Value';
  const unit = attribute.unit ? ` (${attribute.unit})` : attribute.type === 'date' ? ' (date)' : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSending(true);
    try {
      const predicate = buildPredicate({
        attribute: attribute as NonNullable<typeof attribute>,
        op: effectiveOp,
        value,
        valueTo,
      });
      const days = Number(retentionDays);
      const signed = await createMerchantRequest(
        props.merchantService,
        {
          predicates: [predicate],
          purpose: { code: purposeCode.trim(), text: purposeText.trim() },
          retentionDays: days,
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
    <form onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="merchant-request-form" className="card">
      <h2 id={`${id}-heading`} className="card-title">
        Ask for a proof
      </h2>
      <div className="field">
        <label htmlFor={`${id}-attribute`}>Attribute</label>
        <select
          id={`${id}-attribute`}
          data-testid="merchant-attribute"
          value={attribute.id}
          onChange={(event) => {
            // A value typed for another attribute means nothing here ("interest is 18"): start afresh.
            const next = ATTRIBUTES.find((candidate) => candidate.id === event.target.value);
            setAttributeId(event.target.value);
            setValue(next?.type === 'boolean' ? 'true' : '');
            setValueTo('');
          }}
        >
          {ATTRIBUTES.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label} ({candidate.type})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-operator`}>Condition</label>
        <select
          id={`${id}-operator`}
          data-testid="merchant-operator"
          value={effectiveOp}
          onChange={(event) => setOp(event.target.value as Operator)}
        >
          {operators.map((candidate) => (
            <option key={candidate} value={candidate}>
              {OPERATOR_WORDS[candidate]}
            </option>
          ))}
        </select>
      </div>
      {effectiveOp !== 'exists' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>
            {valueLabel}
            {unit}
          </label>
          {attribute.type === 'boolean' && !isSet ? (
            <select
              id={`${id}-value`}
              data-testid="merchant-value"
              value={value}
              onChange={(event) => setValue(event.target.value)}
            >
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input
              id={`${id}-value`}
              data-testid="merchant-value"
              type={inputType}
              min={inputType === 'number' ? 0 : undefined}
              value={value}
              placeholder={attribute.example ?? ''}
              onChange={(event) => setValue(event.target.value)}
              required
            />
          )}
        </div>
      ) : null}
      {isRange ? (
        <div className="field">
          <label htmlFor={`${id}-value-to`}>To{unit}</label>
          <input
            id={`${id}-value-to`}
            data-testid="merchant-value-to"
            type={inputType}
            value={valueTo}
            onChange={(event) => setValueTo(event.target.value)}
            required
          />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-purpose-code`}>Purpose code</label>
        <input
          id={`${id}-purpose-code`}
          data-testid="merchant-purpose-code"
          value={purposeCode}
          maxLength={40}
          onChange={(event) => setPurposeCode(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>Purpose, as the person will read it</label>
        <textarea
          id={`${id}-purpose`}
          data-testid="merchant-purpose"
          value={purposeText}
          maxLength={500}
          rows={2}
          cols={50}
          onChange={(event) => setPurposeText(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-retention`}>Keep the record for (days)</label>
        <input
          id={`${id}-retention`}
          data-testid="merchant-retention"
          type="number"
          min={1}
          max={3650}
          value={retentionDays}
          onChange={(event) => setRetentionDays(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <input
          id={`${id}-reward`}
          data-testid="merchant-reward"
          type="checkbox"
          checked={reward && props.campaign !== null}
          disabled={props.campaign === null}
          onChange={(event) => setReward(event.target.checked)}
        />{' '}
        <label htmlFor={`${id}-reward`} style={{ display: 'inline' }}>
          Pay the campaign reward
        </label>
        <p className="muted">
          {props.campaign
            ? "Rewarded requests also ask for the campaign's own condition, which the reward contract checks."
            : 'This merchant has no reward campaign.'}
        </p>
      </div>
      {error ? <ErrorNotice error={error} testId="merchant-error" /> : null}
      <Button type="submit" variant="primary" icon={Send} data-testid="merchant-create-request" busy={sending}>
        {sending ? 'Creating…' : 'Create and sign request'}
      </Button>
    </form>
  );
}
