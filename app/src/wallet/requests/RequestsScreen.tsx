// Screen "Requests for you": the open requests, each with what a yes reveals and its buttons.
// Approve may also connect the shop ("let this shop send requests to my pod", unchecked by
// default): once the answer is recorded, the same connect as the Connect screen's.
import { merchantServiceOf } from '@decdp/sdk/protocol';
import { CardList, Empty, Notice, Section } from '../../shared/ui/index.ts';
import { useConnectedShops } from '../connect/useConnectedShops.ts';
import { RequestCard } from '../RequestCard.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';
import type { WalletRequest } from '../walletRequests.ts';

export function RequestsScreen() {
  const wallet = useLoadedWallet();
  const shops = useConnectedShops();
  const { pod, shown, phases } = wallet;
  const service = (item: WalletRequest) => merchantServiceOf(item.signed);
  /** Offered only once the connected shops are read, and only for a shop not connected yet. */
  const offerConnect = (item: WalletRequest) =>
    shops.connectedAs(item.signed.request.merchant.address, new URL(service(item)).origin) === undefined;
  async function approve(item: WalletRequest, connect: boolean) {
    const answered = await wallet.approve(item.key);
    if (answered && connect) await shops.connect(service(item), item.signed.request.merchant.address);
  }
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
            offerConnect={offerConnect(item)}
            onApprove={({ connect }) => void approve(item, connect)}
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
