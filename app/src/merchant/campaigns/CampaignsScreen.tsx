// Screen "Campaigns": the configured campaign's money as the chain has it (facts and a chart over
// time), then every campaign of the merchant with top up, pause/resume and close, and the form that
// creates and funds a new one. Amounts in the token's own units, as the wallet shows them.
import { formatUnits } from 'ethers';
import { formatUnixTime, plural } from '../../shared/format.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { CampaignCard, CreateCampaignForm } from './CampaignForms.tsx';
import { MoneyChart } from './MoneyChart.tsx';

export function CampaignsScreen() {
  const { info, money, records, campaigns } = useMerchant();
  const units = (value: bigint) => (money ? `${formatUnits(value, money.decimals)} ${money.symbol}` : '');
  const answers = records.filter((record) => record.rewardTx !== null).length;
  const symbol = money?.symbol ?? campaigns[0]?.token.symbol ?? 'tokens';
  return (
    <>
      {info?.campaign ? (
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
          {money ? null : (
            <p className="muted">The chain could not be read; the campaign's money is shown when it can.</p>
          )}
        </section>
      ) : (
        <section aria-labelledby="campaigns-heading" id="campaigns">
          <h2 id="campaigns-heading">Reward campaigns</h2>
          <p className="muted">No campaign pays rewards by default.</p>
        </section>
      )}
      <section aria-labelledby="all-campaigns-heading" data-testid="campaigns-list">
        <h2 id="all-campaigns-heading">All campaigns ({campaigns.length})</h2>
        {campaigns.length === 0 ? (
          <p className="muted">This service manages no campaigns yet.</p>
        ) : (
          <ul className="campaigns">
            {campaigns.map((campaign) => (
              <CampaignCard key={campaign.campaignId} campaign={campaign} />
            ))}
          </ul>
        )}
        <CreateCampaignForm symbol={symbol} />
      </section>
    </>
  );
}
