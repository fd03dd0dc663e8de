// Screen "Campaigns" (read-only for now): the reward campaign's money as the chain has it, in
// facts and as a chart over time.
import { formatUnits } from 'ethers';
import { formatUnixTime, plural } from '../../shared/format.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { MoneyChart } from './MoneyChart.tsx';

export function CampaignsScreen() {
  const { info, money, records } = useMerchant();
  if (!info?.campaign) {
    return (
      <section aria-labelledby="campaigns-heading" id="campaigns">
        <h2 id="campaigns-heading">Reward campaign</h2>
        <p className="muted">This merchant has no reward campaign.</p>
      </section>
    );
  }
  const units = (value: bigint) => (money ? `${formatUnits(value, money.decimals)} ${money.symbol}` : '');
  const answers = records.filter((record) => record.rewardTx !== null).length;
  return (
    <section aria-labelledby="campaigns-heading" id="campaigns" data-testid="campaign-panel">
      <h2 id="campaigns-heading">Reward campaign {info.campaign.campaignId}</h2>
      {money ? (
        <dl className="facts">
          <dt>Status</dt>
          <dd data-testid="campaign-status">
            {money.paused ? 'paused' : Date.now() / 1000 >= money.end ? 'ended' : 'paying'}
          </dd>
          <dt>Reward per answer</dt>
          <dd>{units(money.rewardPerAnswer)}</dd>
          <dt>Paid</dt>
          <dd data-testid="campaign-paid">
            {units(money.paid)} ({plural(money.payouts.length, 'reward')})
          </dd>
          <dt>Budget left</dt>
          <dd data-testid="campaign-remaining">{units(money.remaining)}</dd>
          <dt>Cost per live rewarded answer</dt>
          <dd>{answers ? units(money.paid / BigInt(answers)) : '—'}</dd>
          <dt>Runs</dt>
          <dd>
            {formatUnixTime(money.start)} – {formatUnixTime(money.end)}
          </dd>
        </dl>
      ) : null}
      {money ? <MoneyChart money={money} /> : null}
      {money ? null : <p className="muted">The chain could not be read; the campaign's money is shown when it can.</p>}
    </section>
  );
}
