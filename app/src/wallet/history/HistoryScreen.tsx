// Screen "How my data is used": every answer and every "no", by merchant; revoke, opt out. Both
// cannot be taken back, so each is held a few seconds behind an Undo toast before it is sent.
import { getAttribute } from '@decdp/sdk/protocol';
import { holdAction, useHeldActions } from '../../shared/ui/index.ts';
import { HistoryPanel } from '../HistoryPanel.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';

export function HistoryScreen() {
  const wallet = useLoadedWallet();
  const held = useHeldActions();
  const { pod } = wallet;
  // An answer (receipt id) or attribute whose revoke or opt-out is held counts as being worked on.
  const heldTarget = [...held].find((id) => id.startsWith('revoke:') || id.startsWith('opt-out:'));
  return (
    <HistoryPanel
      receipts={pod.receipts.items}
      denials={pod.denials.items}
      confirmations={pod.confirmations}
      attributesOf={wallet.attributesOf}
      disclosuresOf={wallet.disclosuresOf}
      optedOut={wallet.optedOut}
      working={wallet.working ?? heldTarget?.slice(heldTarget.indexOf(':') + 1) ?? null}
      token={wallet.token}
      onRevoke={(url) => {
        const receipt = pod.receipts.items.find((entry) => entry.url === url)?.value;
        if (!receipt) return;
        holdAction({
          id: `revoke:${receipt.id}`,
          words: `Revoking your answer to ${receipt.merchant.name} and asking them to delete it`,
          run: () => wallet.revoke(url),
        });
      }}
      onOptOut={(attribute) =>
        holdAction({
          id: `opt-out:${attribute}`,
          words: `Opting out of your ${labelOf(attribute)} and asking the merchants to delete it`,
          run: () => wallet.optOut(attribute),
        })
      }
    />
  );
}

function labelOf(attribute: string): string {
  try {
    return getAttribute(attribute, 'attribute').label;
  } catch {
    return attribute;
  }
}
