// Screen "Your credentials": what the pod holds about the person; declare, import, delete.
import { CredentialList } from '../CredentialList.tsx';
import { useWallet } from '../state/WalletState.tsx';

export function CredentialsScreen() {
  const wallet = useWallet();
  const { pod } = wallet;
  if (!pod) return null;
  return (
    <CredentialList
      credentials={pod.credentials.items}
      invalid={pod.credentials.invalid}
      now={wallet.now}
      busy={wallet.loading || wallet.busy}
      onDelete={(url) => void wallet.removeCredential(url)}
      onDeclare={(attribute, value) => void wallet.declare(attribute, value)}
      onImport={(text) => void wallet.importCredential(text)}
    />
  );
}
