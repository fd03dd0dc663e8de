// Screen "Campaigns": the configured campaign's money as the chain has it (facts and a chart over
// time), then every campaign of the merchant with top up, pause/resume and close, and the form that
// creates and funds a new one. Amounts in the token's own units, as the wallet shows them.
import { formatUnits } from 'ethers';
import { formatUnixTime, plural } from '../../shared/format.ts';
import { CardList, Empty, Notice, Section } from '../../shared/ui/index.ts';
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
        <Section title={`Reward campaign ${info.campaign.campaignId}`} id="campaigns" testId="campaign-panel">
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
            <Notice tone="warning">The chain could not be read; the campaign's money is shown when it can.</Notice>
          )}
        </Section>
      ) : (
        <Section title="Reward campaigns" id="campaigns">
          <Empty>No campaign pays rewards by default.</Empty>
        </Section>
      )}
      <Section title={`All campaigns (${campaigns.length})`} testId="campaigns-list">
        {campaigns.length === 0 ? (
          <Empty>This service manages no campaigns yet.</Empty>
        ) : (
          <CardList>
            {campaigns.map((campaign) => (
              <CampaignCard key={campaign.campaignId} campaign={campaign} />
            ))}
          </CardList>
        )}
        <CreateCampaignForm symbol={symbol} />
      </Section>
    </>
  );
}
