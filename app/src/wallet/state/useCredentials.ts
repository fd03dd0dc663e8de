// The person's credentials: declare an attribute yourself, import one an issuer gave you (only if
// it was issued to this wallet), delete one.
import { InvalidInputError } from '@decdp/sdk/errors';
import { type AttributeCredential, getAttribute } from '@decdp/sdk/protocol';
import { checkCredential, declareAttribute, subjectCommitment } from '@decdp/sdk/wallet';
import { saveCredential } from '../pod.ts';
import { withDocuments } from './podState.ts';
import type { PodAccess } from './usePod.ts';

export type CredentialActions = {
  declare: (attributeId: string, text: string) => Promise<void>;
  importCredential: (text: string) => Promise<void>;
  removeCredential: (url: string) => Promise<void>;
};

export function useCredentials({
  pod,
  setPod,
  session,
  report,
  setStatus,
  removeDocument,
}: PodAccess): CredentialActions {
  async function addCredential(credential: AttributeCredential, words: string) {
    if (!pod?.wallet) return;
    const mine = (await subjectCommitment(pod.wallet.holderSecret)).toString();
    if (credential.credentialSubject.commitment !== mine) {
      throw new InvalidInputError('This credential was issued to someone else (another holder commitment).', {
        field: 'credential.credentialSubject.commitment',
        hint: 'Ask the issuer for a credential issued to this wallet.',
      });
    }
    const url = await saveCredential({ podUrl: pod.podUrl, credential, fetch: session.fetch });
    setPod((current) => (current ? withDocuments(current, 'credentials', [{ url, value: credential }]) : current));
    setStatus(words);
  }

  async function declare(attributeId: string, text: string) {
    if (!pod?.wallet) return;
    try {
      const attribute = getAttribute(attributeId, 'attribute');
      const value =
        attribute.type === 'integer' || attribute.type === 'money'
          ? Number(text)
          : attribute.type === 'boolean'
            ? /^(yes|true|1)$/i.test(text)
            : text;
      const credential = await declareAttribute({
        holderSecret: pod.wallet.holderSecret,
        attribute: attributeId,
        value,
      });
      await addCredential(credential, `Added your self-declared ${attribute.label}.`);
    } catch (error) {
      report(error);
    }
  }

  async function importCredential(text: string) {
    try {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new InvalidInputError('The file is not JSON.', { field: 'credential', cause });
      }
      // The issuer's signature checked too: an altered file is refused before anything is written.
      const credential = await checkCredential({ input: json });
      await addCredential(credential, `Imported a credential from ${credential.issuer.name}.`);
    } catch (error) {
      report(error);
    }
  }

  const removeCredential = (url: string) => removeDocument('credentials', url, 'Credential deleted from your pod.');

  return { declare, importCredential, removeCredential };
}
