// The campaign's money over time, as a chart (recharts): rewards paid so far and budget left,
// block by block, in the token's units (the wallet shows the same units). The numbers are also in
// the facts beside it, so the chart is a picture of them, not their only home.
import { formatUnits } from 'ethers';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CampaignMoney } from './readCampaignMoney.ts';

export function moneyOverTime(money: CampaignMoney): { block: number; paid: number; left: number }[] {
  const budget = money.remaining + money.paid;
  let paid = 0n;
  const points = [{ block: 0, paid: 0, left: Number(formatUnits(budget, money.decimals)) }];
  for (const payout of [...money.payouts].sort((a, b) => a.blockNumber - b.blockNumber)) {
    paid += payout.amount;
    points.push({
      block: payout.blockNumber,
      paid: Number(formatUnits(paid, money.decimals)),
      left: Number(formatUnits(budget - paid, money.decimals)),
    });
  }
  return points;
}

export function MoneyChart(props: { money: CampaignMoney }) {
  const points = moneyOverTime(props.money);
  const last = points[points.length - 1];
  return (
    <figure data-testid="campaign-chart" className="chart">
      <div
        role="img"
        aria-label={`Rewards paid grew to ${last?.paid ?? 0} ${props.money.symbol} over ${points.length - 1} payouts; ${last?.left ?? 0} ${props.money.symbol} of budget are left.`}
      >
        <ResponsiveContainer width="100%" height={240}>
          <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="block"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              label={{ value: 'block', position: 'insideBottomRight', offset: -4 }}
            />
            <YAxis />
            <Tooltip />
            <Legend />
            <Area
              type="stepAfter"
              dataKey="paid"
              name={`paid (${props.money.symbol})`}
              stroke="#1d4ed8"
              fill="#bfd3fb"
              isAnimationActive={false}
            />
            <Area
              type="stepAfter"
              dataKey="left"
              name={`budget left (${props.money.symbol})`}
              stroke="#15803d"
              fill="#c9ecd4"
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">Paid and left, after each payout (block number on the chain).</figcaption>
    </figure>
  );
}
