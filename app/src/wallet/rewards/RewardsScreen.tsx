// Screen "Your rewards": balance (the sum over every reward address), rewards waiting to be
// claimed, claims made, and the address and balance per shop.
import { RewardsPanel } from '../RewardsPanel.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';
import { RewardAccountList } from './RewardAccountList.tsx';

export function RewardsScreen() {
  const wallet = useLoadedWallet();
  const { pod } = wallet;
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
