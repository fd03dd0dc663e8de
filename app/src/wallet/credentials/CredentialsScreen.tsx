// Screen "Your credentials": what the pod holds about the person; declare, import, delete. A
// delete cannot be taken back, so it is held a few seconds behind an Undo toast first.
import { holdAction } from '../../shared/ui/index.ts';
import { CredentialList } from '../CredentialList.tsx';
import { useLoadedWallet } from '../state/WalletState.tsx';

export function CredentialsScreen() {
  const wallet = useLoadedWallet();
  const { pod } = wallet;
  return (
    <CredentialList
      credentials={pod.credentials.items}
      invalid={pod.credentials.invalid}
      now={wallet.now}
      busy={wallet.loading || wallet.busy}
      loading={wallet.loading}
      onDelete={(url, label) => holdCredentialDelete({ url, label, remove: wallet.removeCredential })}
      onDeclare={(attribute, value) => void wallet.declare(attribute, value)}
      onImport={(text) => void wallet.importCredential(text)}
    />
  );
}

/** Deleting a credential cannot be taken back: it is held a few seconds behind Undo first. */
export function holdCredentialDelete(params: { url: string; label: string; remove: (url: string) => Promise<void> }) {
  holdAction({
    id: `delete-credential:${params.url}`,
    words: `Deleting your ${params.label} credential from your pod`,
    run: () => params.remove(params.url),
  });
}
