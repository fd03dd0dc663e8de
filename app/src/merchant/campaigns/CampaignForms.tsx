// Create, top up, pause, resume and close the merchant's campaigns. Amounts are typed and shown in
// tokens (the units the wallet shows); while a transaction confirms the form says so and its
// buttons wait. Closing cannot be taken back on the chain: the page asks first.
import { type Operator, RANGE_OPERATORS, SET_OPERATORS } from '@decdp/sdk/protocol';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { formatUnixTime, plural } from '../../shared/format.ts';
import {
  Actions,
  Badge,
  Ban,
  Button,
  Card,
  Coins,
  ConfirmDialog,
  Loading,
  Plus,
  RefreshCw,
  TextField,
} from '../../shared/ui/index.ts';
import { buildPredicate } from '../buildPredicate.ts';
import { PredicateFields, usePredicateInput } from '../PredicateFields.tsx';
import { useTransaction } from '../state/useTransaction.ts';
import { actOnCampaign, type CampaignView, createCampaign } from './campaignCalls.ts';

function Progress(props: { working: string | null }) {
  return props.working ? (
    <Loading testId="campaign-progress">{props.working}: waiting for the transaction to confirm…</Loading>
  ) : null;
}

const singleValue = (op: Operator) => !RANGE_OPERATORS.has(op) && !SET_OPERATORS.has(op);

export function CreateCampaignForm(props: { symbol: string }) {
  const predicate = usePredicateInput({ attribute: 'age', op: 'gte', value: '18', allow: singleValue });
  const [reward, setReward] = useState('5');
  const [budget, setBudget] = useState('100');
  const [days, setDays] = useState('30');
  const { working, error, run } = useTransaction();
  if (!predicate) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('Creating the campaign', async (service, token) => {
      const { attribute, op, value } = predicate;
      const created = await createCampaign(
        service,
        {
          predicate: buildPredicate({ attribute, op, value, valueTo: '' }),
          rewardPerAnswer: reward.trim(),
          budget: budget.trim(),
          days: Number(days),
        },
        token,
      );
      return `Campaign ${created.campaignId} created: ${created.remaining} ${created.token.symbol} to pay ${created.rewardPerAnswer} ${created.token.symbol} for "${created.pays}".`;
    });
  };
  return (
    <Card as="section" title="New campaign" data-testid="campaign-create-form">
      <form onSubmit={submit} aria-label="New campaign">
        <PredicateFields input={predicate} attributeLabel="Pays for" testIdPrefix="campaign" />
        <TextField
          label={`Reward per answer (${props.symbol})`}
          inputMode="decimal"
          value={reward}
          onValue={setReward}
          required
        />
        <TextField label={`Budget (${props.symbol})`} inputMode="decimal" value={budget} onValue={setBudget} required />
        <TextField label="Runs for (days)" type="number" min={1} max={365} value={days} onValue={setDays} required />
        <Button type="submit" variant="primary" icon={Plus} busy={working !== null}>
          {working ? 'Creating…' : 'Create and fund'}
        </Button>
        <Progress working={working} />
        {error ? <ErrorNotice error={error} /> : null}
      </form>
    </Card>
  );
}

export function CampaignCard(props: { campaign: CampaignView }) {
  const { campaign } = props;
  const [amount, setAmount] = useState('50');
  const { working, error, run } = useTransaction();
  const unit = campaign.token.symbol;
  const act = (action: 'pause' | 'resume' | 'close', label: string) =>
    run(label, async (service, token) => {
      const done = await actOnCampaign(service, { campaignId: campaign.campaignId, action }, token);
      if (action !== 'close') return `Campaign ${campaign.campaignId} ${done.status}.`;
      // The pool ends the campaign at once and refunds what is left (RewardPool.close).
      return `Campaign ${campaign.campaignId} closed: ${done.withdrawn ?? done.remaining} ${unit} came back.`;
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
  const waiting = working !== null;
  return (
    <Card
      as="li"
      data-testid="campaign-card"
      data-campaign-id={campaign.campaignId}
      title={`Campaign ${campaign.campaignId}: ${campaign.pays}`}
    >
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <Badge tone={STATUS_TONES[campaign.status]} testId="campaign-card-status">
            {campaign.status}
          </Badge>
        </dd>
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
          {campaign.paid} {unit} ({plural(campaign.answersPaid, 'answer')})
        </dd>
        <dt>Runs until</dt>
        <dd>{formatUnixTime(campaign.end)}</dd>
      </dl>
      {open ? (
        <form onSubmit={topUp} aria-label={`Campaign ${campaign.campaignId}`}>
          <TextField label={`Top up (${unit})`} inputMode="decimal" value={amount} onValue={setAmount} required />
          <Actions>
            <Button type="submit" icon={Coins} disabled={waiting}>
              Top up
            </Button>
            {campaign.status === 'paused' ? (
              <Button icon={RefreshCw} disabled={waiting} onClick={() => void act('resume', 'Resuming')}>
                Resume
              </Button>
            ) : (
              <Button disabled={waiting} onClick={() => void act('pause', 'Pausing')}>
                Pause
              </Button>
            )}
            <ConfirmDialog
              trigger={
                <Button variant="danger" icon={Ban} disabled={waiting}>
                  Close
                </Button>
              }
              title={`Close campaign ${campaign.campaignId}?`}
              description={`It stops paying now and the ${campaign.remaining} ${unit} left come back to you. This cannot be undone: a closed campaign cannot be opened again.`}
              confirmLabel="Close the campaign"
              onConfirm={() => void act('close', 'Closing')}
            />
          </Actions>
        </form>
      ) : campaign.status === 'ended' ? (
        <Button icon={Coins} disabled={waiting} onClick={() => void act('close', 'Closing')}>
          Close and take back what is left
        </Button>
      ) : null}
      <Progress working={working} />
      {error ? <ErrorNotice error={error} /> : null}
    </Card>
  );
}

const STATUS_TONES: Record<CampaignView['status'], 'success' | 'warning' | 'neutral'> = {
  paying: 'success',
  paused: 'warning',
  'not started': 'neutral',
  ended: 'neutral',
  closed: 'neutral',
};
