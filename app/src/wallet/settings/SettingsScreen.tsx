// Screen "Settings": standing answers ("always allow …", "never …") and what they did, and the
// wallet agent that applies them while the page is closed (agent/AgentSettings.tsx), and the
// passkey that unlocks the wallet on this device (PasskeySettings.tsx), and the shops connected
// to the pod (connect/ShopSettings.tsx).
import { AgentSettings } from '../agent/AgentSettings.tsx';
import { ShopSettings } from '../connect/ShopSettings.tsx';
import { PolicyList } from '../PolicyList.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';
import { PasskeySettings } from './PasskeySettings.tsx';

export function SettingsScreen() {
  const wallet = useLoadedWallet();
  const { pod } = wallet;
  return (
    <>
      <PolicyList
        policies={pod.policies.items}
        log={pod.automaticLog.items}
        busy={wallet.loading}
        onAdd={(policy) => void wallet.addPolicies([policy])}
        onRemove={(url) => void wallet.removePolicy(url)}
      />
      <PasskeySettings />
      <AgentSettings />
      <ShopSettings />
    </>
  );
}
