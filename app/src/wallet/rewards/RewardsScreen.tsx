// Screen "Your rewards": balance (the sum over every reward address), rewards waiting to be
// claimed, claims made, and the address and balance per shop. While it is open it reads the
// balances again by itself: once on opening (a mask answer may have added a shop's address) and
// whenever a new block holds a transfer of the reward token to one of the person's addresses
// (watchRewardTransfers), so a shop's payment shows without pressing Refresh.
import { useEffect, useRef } from 'react';
import { getProvider } from '../../shared/tokenBalance.ts';
import { RewardsPanel } from '../RewardsPanel.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';
import { RewardAccountList } from './RewardAccountList.tsx';
import { watchRewardTransfers } from './watchRewardTransfers.ts';

export function RewardsScreen() {
  const wallet = useLoadedWallet();
  const { pod, config, refreshBalance } = wallet;
  // The wallet as last read, for reads started by the chain (not a reason to watch again).
  const owner = useRef(pod.wallet ?? pod.walletDocument ?? null);
  owner.current = pod.wallet ?? pod.walletDocument ?? null;
  const watched = (wallet.rewardBalances?.accounts.map((account) => account.address) ?? []).join(',');

  useEffect(() => {
    void refreshBalance(owner.current);
  }, [refreshBalance]);

  useEffect(() => {
    if (!watched) return;
    return watchRewardTransfers({
      provider: getProvider(config.rpcUrl, config.chainId),
      token: config.contracts.token,
      addresses: watched.split(','),
      onTransfer: () => void refreshBalance(owner.current),
    });
  }, [config.rpcUrl, config.chainId, config.contracts.token, watched, refreshBalance]);

  return (
    <>
      <RewardsPanel
        config={wallet.config}
        balance={wallet.balanceText}
        receipts={pod.receipts.items}
        claimable={wallet.claimable}
        claiming={wallet.working}
        claimStep={wallet.claimStep}
        token={wallet.token}
        onClaim={(receiptId) => void wallet.claim(receiptId)}
      />
      <RewardAccountList balances={wallet.rewardBalances} unavailable={wallet.balanceText === 'unavailable'} />
    </>
  );
}
