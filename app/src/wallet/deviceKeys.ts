// The holder secret on this device: never in the clear in any storage the browser keeps.
//
// - The device vault (IndexedDB `decdp-wallet`, store `vaults`, per WebID): the passphrase-sealed
//   secret (sdk secretVault: scrypt → AES-GCM), encrypted once more with a NON-EXTRACTABLE
//   AES-GCM key generated on this device and kept beside it. A script of this origin can use that
//   key but never read it out, and a copied vault still needs the passphrase (scrypt per guess).
// - The unlocked session (per tab): after an unlock the secret is encrypted with a fresh
//   non-extractable session key (IndexedDB store `sessions`); the ciphertext sits in
//   sessionStorage. A reload of the tab resumes without asking; closing the tab (sessionStorage
//   gone) or "Log out" ends it. Neither store alone holds anything that opens the secret.
import type { SealedSecret, WalletDocument } from '@decdp/sdk/wallet';
import { fromBase64, parseSealedSecret, toBase64 } from '@decdp/sdk/wallet';
import type { UnlockedWallet } from './pod.ts';

const DATABASE = 'decdp-wallet';
const VAULTS = 'vaults';
const SESSIONS = 'sessions';
/** A session key older than this is dropped at the next unlock (its tab is long gone). */
const SESSION_KEY_MAX_AGE_MS = 24 * 3600_000;

type VaultRecord = { deviceKey: CryptoKey; iv: Uint8Array<ArrayBuffer>; box: ArrayBuffer };
type SessionKeyRecord = { key: CryptoKey; webId: string; createdAt: number };
type SessionEntry = { id: string; commitment: string; iv: string; box: string };

const sessionSlot = (webId: string) => `decdp.wallet.session:${webId}`;
/** Where versions before the vault kept the keys in the clear; removed on sight. */
const legacySlot = (webId: string) => `decdp.wallet.keys:${webId}`;

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => {
      opening.result.createObjectStore(VAULTS);
      opening.result.createObjectStore(SESSIONS);
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error);
  });
}

async function withStore<T>(
  name: string,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const database = await openDatabase();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const transaction = database.transaction(name, mode);
      const request = act(transaction.objectStore(name));
      transaction.oncomplete = () => resolve(request?.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

const newAesKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

/** Keeps the passphrase-sealed secret on this device, wrapped by a new non-extractable key. */
export async function saveDeviceVault(webId: string, sealed: SealedSecret): Promise<void> {
  const deviceKey = await newAesKey();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const box = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    deviceKey,
    new TextEncoder().encode(JSON.stringify(sealed)),
  );
  await withStore(VAULTS, 'readwrite', (store) => store.put({ deviceKey, iv, box } satisfies VaultRecord, webId));
}

/** The passphrase-sealed secret kept on this device for this WebID, or null. */
export async function loadDeviceVault(webId: string): Promise<SealedSecret | null> {
  try {
    const record = (await withStore<VaultRecord>(VAULTS, 'readonly', (store) => store.get(webId))) ?? null;
    if (!record) return null;
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv }, record.deviceKey, record.box);
    return parseSealedSecret(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    return null;
  }
}

export async function forgetDeviceVault(webId: string): Promise<void> {
  await withStore(VAULTS, 'readwrite', (store) => store.delete(webId));
}

/** Starts this tab's unlocked session (see the top of this file). */
export async function startDeviceSession(webId: string, wallet: UnlockedWallet, commitment: string): Promise<void> {
  localStorage.removeItem(legacySlot(webId));
  await dropSessionKeys((record) => record.webId === webId && Date.now() - record.createdAt > SESSION_KEY_MAX_AGE_MS);
  const key = await newAesKey();
  const id = toBase64(crypto.getRandomValues(new Uint8Array(16)));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const box = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(
      JSON.stringify({ holderSecret: wallet.holderSecret.toString(), recipient: wallet.recipient }),
    ),
  );
  await withStore(SESSIONS, 'readwrite', (store) =>
    store.put({ key, webId, createdAt: Date.now() } satisfies SessionKeyRecord, id),
  );
  const entry: SessionEntry = { id, commitment, iv: toBase64(iv), box: toBase64(new Uint8Array(box)) };
  sessionStorage.setItem(sessionSlot(webId), JSON.stringify(entry));
}

/** The wallet unlocked earlier in this tab (a reload), or null (new tab, logged out, another wallet). */
export async function resumeDeviceSession(webId: string, document: WalletDocument): Promise<UnlockedWallet | null> {
  localStorage.removeItem(legacySlot(webId));
  try {
    const entry = JSON.parse(sessionStorage.getItem(sessionSlot(webId)) ?? 'null') as SessionEntry | null;
    if (!entry || entry.commitment !== document.commitment) return null;
    const record = await withStore<SessionKeyRecord>(SESSIONS, 'readonly', (store) => store.get(entry.id));
    if (!record) return null;
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(entry.iv) },
      record.key,
      fromBase64(entry.box),
    );
    const saved = JSON.parse(new TextDecoder().decode(plain)) as { holderSecret: string; recipient: string };
    return { holderSecret: BigInt(saved.holderSecret), recipient: saved.recipient };
  } catch {
    return null;
  }
}

/** "Log out": ends this tab's session; the device vault stays (it needs the passphrase). */
export async function endDeviceSession(webId: string): Promise<void> {
  localStorage.removeItem(legacySlot(webId));
  const entry = JSON.parse(sessionStorage.getItem(sessionSlot(webId)) ?? 'null') as SessionEntry | null;
  sessionStorage.removeItem(sessionSlot(webId));
  if (entry) await withStore(SESSIONS, 'readwrite', (store) => store.delete(entry.id)).catch(() => {});
}

async function dropSessionKeys(stale: (record: SessionKeyRecord) => boolean): Promise<void> {
  await withStore(SESSIONS, 'readwrite', (store) => {
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const current = cursor.result;
      if (!current) return;
      if (stale(current.value as SessionKeyRecord)) current.delete();
      current.continue();
    };
    return undefined;
  }).catch(() => {});
}
