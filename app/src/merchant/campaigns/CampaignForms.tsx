// Create, top up, pause, resume and close the merchant's campaigns. Amounts are typed and shown in
// tokens (the units the wallet shows); while a transaction confirms the form says so and its
// buttons wait.
import { ATTRIBUTES, type Operator, RANGE_OPERATORS, SET_OPERATORS } from '@decdp/sdk/protocol';
import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { formatUnixTime } from '../../shared/format.ts';
import { buildPredicate, OPERATOR_WORDS, operatorsFor } from '../buildPredicate.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { actOnCampaign, type CampaignView, createCampaign } from './campaignCalls.ts';

/** Runs one campaign transaction with progress words, then refreshes the page's state. */
function useTransaction() {
  const merchant = useMerchant();
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const run = async (label: string, work: (service: string, token: string) => Promise<string>) => {
    if (!merchant.config || !merchant.operatorToken) return;
    setError(null);
    setWorking(label);
    merchant.setStatus(`${label}: waiting for the transaction to confirm…`);
    try {
      merchant.setStatus(await work(merchant.config.merchantService, merchant.operatorToken));
      await merchant.refresh(false);
    } catch (caught) {
      const words = errorInWords(caught);
      setError(words);
      merchant.setStatus(`${label} failed: ${words.message}`);
    } finally {
      setWorking(null);
    }
  };
  return { working, error, run };
}

function Progress(props: { working: string | null }) {
  return props.working ? (
    <p role="status" className="muted" data-testid="campaign-progress">
      {props.working}: waiting for the transaction to confirm…
    </p>
  ) : null;
}

const singleValue = (op: Operator) => !RANGE_OPERATORS.has(op) && !SET_OPERATORS.has(op);

export function CreateCampaignForm(props: { symbol: string }) {
  const id = useId();
  const [attributeId, setAttributeId] = useState('age');
  const attribute = ATTRIBUTES.find((candidate) => candidate.id === attributeId) ?? ATTRIBUTES[0];
  const operators = attribute ? operatorsFor(attribute).filter(singleValue) : [];
  const [op, setOp] = useState<Operator>('gte');
  const effectiveOp = operators.includes(op) ? op : (operators[0] ?? 'eq');
  const [value, setValue] = useState('18');
  const [reward, setReward] = useState('5');
  const [budget, setBudget] = useState('100');
  const [days, setDays] = useState('30');
  const { working, error, run } = useTransaction();
  if (!attribute) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('Creating the campaign', async (service, token) => {
      const predicate = buildPredicate({ attribute, op: effectiveOp, value, valueTo: '' });
      const created = await createCampaign(
        service,
        { predicate, rewardPerAnswer: reward.trim(), budget: budget.trim(), days: Number(days) },
        token,
      );
      return `Campaign ${created.campaignId} created: ${created.remaining} ${created.token.symbol} to pay ${created.rewardPerAnswer} ${created.token.symbol} for "${created.pays}".`;
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="campaign-create-form">
      <h3 id={`${id}-heading`}>New campaign</h3>
      <div className="field">
        <label htmlFor={`${id}-attribute`}>Pays for</label>
        <select id={`${id}-attribute`} value={attribute.id} onChange={(event) => setAttributeId(event.target.value)}>
          {ATTRIBUTES.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-operator`}>Condition</label>
        <select id={`${id}-operator`} value={effectiveOp} onChange={(event) => setOp(event.target.value as Operator)}>
          {operators.map((candidate) => (
            <option key={candidate} value={candidate}>
              {OPERATOR_WORDS[candidate]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>Value{attribute.unit ? ` (${attribute.unit})` : ''}</label>
        <input id={`${id}-value`} value={value} onChange={(event) => setValue(event.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reward`}>Reward per answer ({props.symbol})</label>
        <input
          id={`${id}-reward`}
          inputMode="decimal"
          value={reward}
          onChange={(event) => setReward(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-budget`}>Budget ({props.symbol})</label>
        <input
          id={`${id}-budget`}
          inputMode="decimal"
          value={budget}
          onChange={(event) => setBudget(event.target.value)}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-days`}>Runs for (days)</label>
        <input
          id={`${id}-days`}
          type="number"
          min={1}
          max={365}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          required
        />
      </div>
      <button type="submit" disabled={working !== null}>
        {working ? 'Creating…' : 'Create and fund'}
      </button>
      <Progress working={working} />
      {error ? <ErrorNotice error={error} /> : null}
    </form>
  );
}

export function CampaignCard(props: { campaign: CampaignView }) {
  const { campaign } = props;
  const id = useId();
  const [amount, setAmount] = useState('50');
  const { working, error, run } = useTransaction();
  const unit = campaign.token.symbol;
  const act = (action: 'pause' | 'resume' | 'close', label: string) =>
    run(label, async (service, token) => {
      const done = await actOnCampaign(service, { campaignId: campaign.campaignId, action }, token);
      if (action !== 'close') return `Campaign ${campaign.campaignId} ${done.status}.`;
      return done.withdrawn
        ? `Campaign ${campaign.campaignId} closed: ${done.withdrawn} ${unit} came back.`
        : `Campaign ${campaign.campaignId} closed: it pays no more; the ${done.remaining} ${unit} left come back after ${formatUnixTime(done.end)}.`;
    });
  const topUp = (event: FormEvent) => {
    event.preventDefault();
    void run('Topping up', async (service, token) => {
      const done = await actOnCampaign(
        service,
        { campaignId: campaign.campaignId, action: 'top-up', amount: amount.trim() },
        token,
      );
      return `Campaign ${campaign.campaignId} topped up: ${done.remaining} ${unit} left.`;
    });
  };
  const open = campaign.status !== 'closed' && campaign.status !== 'ended';
  return (
    <li data-testid="campaign-card" data-campaign-id={campaign.campaignId}>
      <h3 id={`${id}-title`}>
        Campaign {campaign.campaignId}: {campaign.pays}
      </h3>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="campaign-card-status">{campaign.status}</dd>
        <dt>Reward per answer</dt>
        <dd>
          {campaign.rewardPerAnswer} {unit}
        </dd>
        <dt>Budget left</dt>
        <dd data-testid="campaign-card-remaining">
          {campaign.remaining} {unit}
        </dd>
        <dt>Paid</dt>
        <dd>
          {campaign.paid} {unit} ({campaign.answersPaid} {campaign.answersPaid === 1 ? 'answer' : 'answers'})
        </dd>
        <dt>Runs until</dt>
        <dd>{formatUnixTime(campaign.end)}</dd>
      </dl>
      {open ? (
        <form onSubmit={topUp} aria-labelledby={`${id}-title`}>
          <div className="field">
            <label htmlFor={`${id}-amount`}>Top up ({unit})</label>
            <input
              id={`${id}-amount`}
              inputMode="decimal"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              required
            />
          </div>
          <button type="submit" disabled={working !== null}>
            Top up
          </button>{' '}
          {campaign.status === 'paused' ? (
            <button type="button" disabled={working !== null} onClick={() => void act('resume', 'Resuming')}>
              Resume
            </button>
          ) : (
            <button type="button" disabled={working !== null} onClick={() => void act('pause', 'Pausing')}>
              Pause
            </button>
          )}{' '}
          <button type="button" disabled={working !== null} onClick={() => void act('close', 'Closing')}>
            Close
          </button>
        </form>
      ) : campaign.status === 'ended' ? (
        <button type="button" disabled={working !== null} onClick={() => void act('close', 'Closing')}>
          Close and take back what is left
        </button>
      ) : null}
      <Progress working={working} />
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}
