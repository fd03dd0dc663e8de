// Screen "Requests for you": the open requests, each with what a yes reveals and its buttons.
import { CardList, Empty, Notice, Section } from '../../shared/ui/index.ts';
import { RequestCard } from '../RequestCard.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';

export function RequestsScreen() {
  const wallet = useLoadedWallet();
  const { pod, shown, phases } = wallet;
  return (
    <Section title="Requests for you" id="requests" testId="requests-panel">
      {shown.length === 0 ? <Empty>No requests waiting.</Empty> : null}
      <CardList data-testid="request-list">
        {shown.map((item) => (
          <RequestCard
            key={item.key}
            item={item}
            phase={phases[item.key]}
            token={wallet.token}
            now={wallet.now}
            check={wallet.checks[item.key]}
            prepared={wallet.prepared.has(item.signed.request.id)}
            canApprove={Boolean(pod.wallet) && !wallet.busy}
            onApprove={() => void wallet.approve(item.key)}
            onDeny={() => void wallet.deny(item.key)}
            onAlwaysAllow={() => void wallet.rememberAnswer(item.key, 'allow')}
            onNeverAllow={() => void wallet.rememberAnswer(item.key, 'deny')}
            onCancel={() => wallet.cancel(item.key)}
          />
        ))}
      </CardList>
      {pod.invalidRequests.map((doc, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same source can send several bad requests.
        <Notice key={index} tone="error" role="status">
          A request could not be read and is ignored ({doc.url}): {doc.message}
        </Notice>
      ))}
    </Section>
  );
}
