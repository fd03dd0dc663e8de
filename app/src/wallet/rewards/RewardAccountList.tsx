// "Where your rewards are": one row per shop (each pays its own address, so shops cannot tie your
// rewards together) and the wallet's first address, with each balance; the page's balance is their sum.
import { ShortValue } from '../../shared/ShortValue.tsx';
import { Card, CardList, Empty, Loading, Notice, Section } from '../../shared/ui/index.ts';
import type { RewardBalances } from './rewardAccounts.ts';

export function RewardAccountList(props: {
  balances: RewardBalances | null;
  /** The chain could not be read: no balance to wait for. */
  unavailable: boolean;
}) {
  const { balances } = props;
  // The first address matters only while it holds something (answers before per-shop addresses).
  const rows = balances?.accounts.filter((account) => account.merchant || account.balance.raw > 0n) ?? [];
  return (
    <Section title="Your reward addresses" testId="reward-accounts">
      <p className="muted">
        Each shop pays a different address of yours, so two shops (or anyone reading the chain) cannot tell that the
        rewards go to the same person. Your recovery phrase keeps all of them.
      </p>
      {balances === null && !props.unavailable ? <Loading>Reading your balances from the chain…</Loading> : null}
      {props.unavailable ? (
        <Notice tone="warning">The chain could not be read: balances are shown when it can be.</Notice>
      ) : null}
      {balances && rows.length === 0 ? <Empty>No shop has rewarded you yet.</Empty> : null}
      <CardList>
        {rows.map((account) => (
          <Card
            as="li"
            key={account.address}
            data-testid="reward-account"
            data-merchant={account.merchant?.address ?? ''}
            data-address={account.address}
          >
            <dl className="facts">
              <dt>{account.merchant ? 'Shop' : 'Earlier answers'}</dt>
              <dd>{account.merchant ? account.merchant.name : 'your first reward address'}</dd>
              <dt>Address</dt>
              <dd>
                <ShortValue
                  value={account.address}
                  label={`your reward address for ${account.merchant?.name ?? 'earlier answers'}`}
                />
              </dd>
              <dt>Balance</dt>
              <dd data-testid="reward-account-balance">
                {account.balance.formatted} {account.balance.symbol}
              </dd>
            </dl>
          </Card>
        ))}
      </CardList>
    </Section>
  );
}
