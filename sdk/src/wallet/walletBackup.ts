// The encrypted backup of the holder secret in the pod (/decdp/wallet-backup.json): the secret
// sealed under the person's passphrase (secretVault.ts, scrypt at 128 MiB per guess), so a second
// device restores with the passphrase alone. The recovery phrase still works without it.
// The pod is owner-only; even so the document is written as if the pod were public.
import { type PodFetch, readJsonDocumentIfExists, writeJsonDocument } from '../pod/documents.ts';
import { decdpUrls } from '../pod/layout.ts';
import { parseSealedSecret, type SealedSecret } from './secretVault.ts';

/** @since 0.2.0 */
export const walletBackupUrl = (podUrl: string) => `${decdpUrls(podUrl).root}wallet-backup.json`;

/** @since 0.2.0 */
export async function saveWalletBackup(params: {
  podUrl: string;
  sealed: SealedSecret;
  fetch: PodFetch;
}): Promise<void> {
  await writeJsonDocument({
    url: walletBackupUrl(params.podUrl),
    data: parseSealedSecret(params.sealed),
    fetch: params.fetch,
  });
}

/**
 * The sealed backup, or null when this pod has none.
 * @since 0.2.0
 */
export async function readWalletBackup(params: { podUrl: string; fetch: PodFetch }): Promise<SealedSecret | null> {
  const document = await readJsonDocumentIfExists({ url: walletBackupUrl(params.podUrl), fetch: params.fetch });
  return document === undefined ? null : parseSealedSecret(document, 'walletBackup');
}
