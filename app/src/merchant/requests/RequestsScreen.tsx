// Screen "Requests": ask for a proof (the form), the requests still open, and the inboxes people
// connected to the shop.
import { CreateRequestForm } from '../CreateRequestForm.tsx';
import { OpenRequests } from '../OpenRequests.tsx';
import { useMerchant } from '../state/MerchantState.tsx';
import { ConnectedInboxes } from './ConnectedInboxes.tsx';
import { ConnectShopLink } from './ConnectShopLink.tsx';

export function RequestsScreen() {
  const merchant = useMerchant();
  const { config, info, operatorToken } = merchant;
  return (
    <>
      {config && operatorToken ? (
        <CreateRequestForm
          merchantService={config.merchantService}
          operatorToken={operatorToken}
          campaign={info?.campaign ? { amount: info.campaign.amount ?? null } : null}
          onCreated={merchant.addRequest}
          onStatus={merchant.setStatus}
        />
      ) : null}
      <OpenRequests
        requests={merchant.requests}
        now={merchant.updatedAt ?? Math.floor(Date.now() / 1000)}
        walletUrl={merchant.walletUrl}
      />
      {config ? <ConnectShopLink walletUrl={merchant.walletUrl} merchantService={config.merchantService} /> : null}
      {config && operatorToken ? (
        <ConnectedInboxes
          merchantService={config.merchantService}
          operatorToken={operatorToken}
          onStatus={merchant.setStatus}
        />
      ) : null}
    </>
  );
}
