// Screen "Your rewards": balance, rewards waiting to be claimed, claims made.
import { RewardsPanel } from '../RewardsPanel.tsx';
import { useWallet } from '../state/WalletState.tsx';

export function RewardsScreen() {
  const wallet = useWallet();
  const { pod } = wallet;
  if (!pod) return null;
  return (
    <RewardsPanel
      config={wallet.config}
      balance={wallet.balanceText}
      recipient={pod.wallet?.recipient ?? pod.walletDocument?.recipient ?? null}
      receipts={pod.receipts.items}
      claimable={wallet.claimable}
      claiming={wallet.working}
      claimStep={wallet.claimStep}
      token={wallet.token}
      onClaim={(receiptId) => void wallet.claim(receiptId)}
    />
  );
}
