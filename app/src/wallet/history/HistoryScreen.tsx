// Screen "How my data is used": every answer and every "no", by merchant; revoke, opt out.
import { HistoryPanel } from '../HistoryPanel.tsx';
import { useWallet } from '../state/WalletState.tsx';

export function HistoryScreen() {
  const wallet = useWallet();
  const { pod } = wallet;
  if (!pod) return null;
  return (
    <HistoryPanel
      receipts={pod.receipts.items}
      denials={pod.denials.items}
      confirmations={pod.confirmations}
      attributesOf={wallet.attributesOf}
      disclosuresOf={wallet.disclosuresOf}
      optedOut={wallet.optedOut}
      working={wallet.working}
      token={wallet.token}
      onRevoke={(url) => void wallet.revoke(url)}
      onOptOut={(attribute) => void wallet.optOut(attribute)}
    />
  );
}
