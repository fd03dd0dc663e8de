// The wallet's documents in the pod (docs/interfaces.md, "Pod layout"): every document is parsed
// at this edge, one that does not parse is listed as invalid and never used.
import { PodError } from '@decdp/sdk/errors';
import {
  decdpUrls,
  ensureDecdpContainers,
  listContainer,
  type PodFetch,
  readJsonDocument,
  writeJsonDocument,
} from '@decdp/sdk/pod';
import {
  type AttributeCredential,
  type ConsentReceipt,
  parseConsentReceipt,
  parseCredential,
  parseSignedRequest,
  type SignedRequest,
} from '@decdp/sdk/protocol';
import {
  parseStandingPolicy,
  parseWalletDocument,
  type StandingPolicy,
  type WalletDocument,
  type WalletKeys,
  walletDocumentFor,
} from '@decdp/sdk/wallet';
import { type DenialReceipt, parseDenialReceipt } from './denialReceipt.ts';

/** The wallet unlocked on this device: the secret comes from the recovery phrase, never from the pod. */
export type UnlockedWallet = { holderSecret: bigint; recipient: string };

/** A document that did not parse: shown to the person, never used. */
export type InvalidDocument = { url: string; message: string };

export type PodDocuments<T> = { items: { url: string; value: T }[]; invalid: InvalidDocument[] };

async function readAll<T>(params: {
  url: string;
  fetch: PodFetch;
  parse: (input: unknown) => T;
}): Promise<PodDocuments<T>> {
  const urls = (await listContainer(params)).filter((url) => url.endsWith('.json'));
  const items: PodDocuments<T>['items'] = [];
  const invalid: InvalidDocument[] = [];
  await Promise.all(
    urls.map(async (url) => {
      try {
        items.push({ url, value: params.parse(await readJsonDocument({ url, fetch: params.fetch })) });
      } catch (error) {
        invalid.push({ url, message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      }
    }),
  );
  items.sort((a, b) => a.url.localeCompare(b.url));
  return { items, invalid };
}

/**
 * Writes a parsed document as `<folder><name>.json` (the name URL-encoded); returns its URL (the page
 * keeps it with the value).
 */
async function saveAt(params: { folder: string; name: string; data: unknown; fetch: PodFetch }): Promise<string> {
  const url = `${params.folder}${encodeURIComponent(params.name)}.json`;
  await writeJsonDocument({ url, data: params.data, fetch: params.fetch });
  return url;
}

/** /decdp/wallet.json, or null when this pod has no wallet yet (first run). */
export async function readWalletDocument(params: { podUrl: string; fetch: PodFetch }): Promise<WalletDocument | null> {
  try {
    return parseWalletDocument(await readJsonDocument({ url: decdpUrls(params.podUrl).wallet, fetch: params.fetch }));
  } catch (error) {
    if (error instanceof PodError && error.status === 404) return null;
    throw error;
  }
}

/** First run: the containers (owner-only) and wallet.json, which holds no secret. */
export async function createWalletInPod(params: {
  podUrl: string;
  webId: string;
  keys: WalletKeys;
  fetch: PodFetch;
}): Promise<WalletDocument> {
  await ensureDecdpContainers({ podUrl: params.podUrl, webId: params.webId, fetch: params.fetch });
  const document = walletDocumentFor(params.keys);
  await writeJsonDocument({ url: decdpUrls(params.podUrl).wallet, data: document, fetch: params.fetch });
  return document;
}

export function readCredentials(params: {
  podUrl: string;
  fetch: PodFetch;
}): Promise<PodDocuments<AttributeCredential>> {
  return readAll({ url: decdpUrls(params.podUrl).credentials, fetch: params.fetch, parse: parseCredential });
}

export function readInboxRequests(params: { podUrl: string; fetch: PodFetch }): Promise<PodDocuments<SignedRequest>> {
  return readAll({ url: decdpUrls(params.podUrl).requests, fetch: params.fetch, parse: parseSignedRequest });
}

export function readReceipts(params: { podUrl: string; fetch: PodFetch }): Promise<PodDocuments<ConsentReceipt>> {
  return readAll({ url: decdpUrls(params.podUrl).receipts, fetch: params.fetch, parse: parseConsentReceipt });
}

export async function saveReceipt(params: {
  podUrl: string;
  receipt: ConsentReceipt;
  fetch: PodFetch;
}): Promise<string> {
  const receipt = parseConsentReceipt(params.receipt);
  return saveAt({ folder: decdpUrls(params.podUrl).receipts, name: receipt.id, data: receipt, fetch: params.fetch });
}

export type { PodFetch };

export function readPolicies(params: { podUrl: string; fetch: PodFetch }): Promise<PodDocuments<StandingPolicy>> {
  return readAll({ url: decdpUrls(params.podUrl).policies, fetch: params.fetch, parse: parseStandingPolicy });
}

export async function savePolicy(params: { podUrl: string; policy: StandingPolicy; fetch: PodFetch }): Promise<string> {
  const policy = parseStandingPolicy(params.policy);
  return saveAt({ folder: decdpUrls(params.podUrl).policies, name: policy.id, data: policy, fetch: params.fetch });
}

/** One line per answer a standing policy gave, so the person can see what was done for them. */
export type AutomaticAnswer = {
  at: string;
  requestId: string;
  merchant: string;
  decision: 'approve' | 'deny';
  policyIds: string[];
  reason: string;
};

const automaticLogUrl = (podUrl: string) => `${decdpUrls(podUrl).policies}log/`;

export async function logAutomaticAnswer(params: {
  podUrl: string;
  entry: AutomaticAnswer;
  fetch: PodFetch;
}): Promise<void> {
  const name = `${params.entry.at.replace(/[^0-9]/g, '')}-${encodeURIComponent(params.entry.requestId)}.json`;
  await writeJsonDocument({ url: `${automaticLogUrl(params.podUrl)}${name}`, data: params.entry, fetch: params.fetch });
}

export function readAutomaticAnswers(params: {
  podUrl: string;
  fetch: PodFetch;
}): Promise<PodDocuments<AutomaticAnswer>> {
  return readAll({
    url: automaticLogUrl(params.podUrl),
    fetch: params.fetch,
    parse: (input) => {
      const entry = input as AutomaticAnswer;
      if (typeof entry?.requestId !== 'string' || (entry.decision !== 'approve' && entry.decision !== 'deny')) {
        throw new PodError('Not an automatic-answer entry.');
      }
      return entry;
    },
  });
}

export async function saveCredential(params: {
  podUrl: string;
  credential: AttributeCredential;
  fetch: PodFetch;
}): Promise<string> {
  const credential = parseCredential(params.credential);
  const name = `${credential.credentialSubject.attribute}-${credential.decdp.nonce.slice(0, 12)}`;
  return saveAt({ folder: decdpUrls(params.podUrl).credentials, name, data: credential, fetch: params.fetch });
}

const denialsUrl = (podUrl: string) => `${decdpUrls(podUrl).receipts}denied/`;

/** "No" answers (denialReceipt.ts), beside the consent receipts. */
export function readDenials(params: { podUrl: string; fetch: PodFetch }): Promise<PodDocuments<DenialReceipt>> {
  // The folder appears with the first denial (a missing folder lists as empty).
  return readAll({ url: denialsUrl(params.podUrl), fetch: params.fetch, parse: parseDenialReceipt });
}

export async function saveDenial(params: { podUrl: string; denial: DenialReceipt; fetch: PodFetch }): Promise<string> {
  const denial = parseDenialReceipt(params.denial);
  return saveAt({ folder: denialsUrl(params.podUrl), name: denial.id, data: denial, fetch: params.fetch });
}

/**
 * Keeps the signed request of an answer in the pod (/decdp/requests/<id>.json): revoking the
 * answer later needs it (its scope names the pseudonym), and the merchant may have forgotten it.
 */
export async function saveSignedRequest(params: {
  podUrl: string;
  signedRequest: SignedRequest;
  fetch: PodFetch;
}): Promise<string> {
  const signed = parseSignedRequest(params.signedRequest);
  return saveAt({
    folder: decdpUrls(params.podUrl).requests,
    name: signed.request.id,
    data: signed,
    fetch: params.fetch,
  });
}

/** Any JSON document at a URL the caller built (deletion confirmations). */
export function writeJson(params: { url: string; data: unknown; fetch: PodFetch }): Promise<void> {
  return writeJsonDocument(params).then(() => undefined);
}

/** The merchants' signed deletion confirmations, by receipt id (revokeReceipt.ts). */
export async function readConfirmations(params: {
  podUrl: string;
  fetch: PodFetch;
}): Promise<
  PodDocuments<{ confirmation: { deletedAt: number; deletedRecords: number; requestId: string }; signature: string }>
> {
  return readAll({
    url: `${decdpUrls(params.podUrl).receipts}confirmations/`,
    fetch: params.fetch,
    parse: (input) => {
      const value = input as {
        confirmation?: { deletedAt?: unknown; deletedRecords?: unknown; requestId?: unknown };
        signature?: unknown;
      };
      if (
        typeof value?.signature !== 'string' ||
        typeof value.confirmation?.deletedAt !== 'number' ||
        typeof value.confirmation.requestId !== 'string'
      ) {
        throw new PodError('Not a deletion confirmation.');
      }
      return value as {
        confirmation: { deletedAt: number; deletedRecords: number; requestId: string };
        signature: string;
      };
    },
  });
}
