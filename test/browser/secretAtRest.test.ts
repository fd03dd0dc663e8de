// The holder secret at rest in the browser (docs/wallet.md § Keys): after unlocking with a
// passphrase, every storage area the browser keeps (localStorage, sessionStorage, IndexedDB,
// Cache Storage, cookies) and every document in the pod is read and searched for the secret in
// any spelling, and for the recovery phrase; the keys kept in IndexedDB are non-extractable. A
// second device restores from the pod's encrypted backup with the passphrase, a wrong one fails
// closed, and the recovery phrase still works.

import { listContainer } from '@decdp/sdk/pod';
import { loginWithClientCredentials } from '@decdp/sdk/pod/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { System } from '../../scripts/system/startSystem.ts';
import { sharedSystem } from '../system/sharedSystem.ts';
import { launchChromium } from './browser.ts';
import { showScreen, signInDemoAtPod } from './walletPage.ts';

const PASSPHRASE = 'purple otter sings at dawn';

let system: System;
let browser: Browser;

beforeAll(async () => {
  system = await sharedSystem();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** Every way the secret (or what makes it) could be written down. */
function secretSpellings(): string[] {
  const secret = system.demo.holderSecret;
  const hex = secret.toString(16);
  const bytes = Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
  return [
    secret.toString(),
    hex,
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url').replace(/=+$/, ''),
    system.demo.recoveryPhrase,
    // Any three words of the phrase in a row.
    system.demo.recoveryPhrase.split(' ').slice(3, 6).join(' '),
  ];
}

async function logIn(page: Page): Promise<void> {
  await signInDemoAtPod(page, system);
  await page.getByTestId('wallet-restore').waitFor({ timeout: 60_000 });
}

async function unlocked(page: Page): Promise<void> {
  await page.getByTestId('wallet-restore').waitFor({ state: 'detached', timeout: 60_000 });
  await showScreen(page, 'credentials');
  await page.getByTestId('credential-item').first().waitFor({ timeout: 60_000 });
}

/** Everything the page's origin keeps, as text, plus what the IndexedDB keys allow. */
async function dumpBrowserStorage(page: Page, context: BrowserContext) {
  const inPage = await page.evaluate(async () => {
    const out: { area: string; text: string }[] = [];
    for (const [area, storage] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ] as const) {
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index) ?? '';
        out.push({ area, text: `${key}=${storage.getItem(key)}` });
      }
    }
    out.push({ area: 'document.cookie', text: document.cookie });
    const keys: { extractable: boolean; exported: boolean }[] = [];
    const describe = async (value: unknown): Promise<unknown> => {
      if (value instanceof CryptoKey) {
        const exported = await crypto.subtle.exportKey('raw', value).then(
          () => true,
          () => false,
        );
        keys.push({ extractable: value.extractable, exported });
        return `[CryptoKey ${value.algorithm.name} extractable=${value.extractable}]`;
      }
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer);
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        // Both the bytes as text and as base64, so any spelling inside a buffer is found.
        return `${binary} ${btoa(binary)}`;
      }
      if (Array.isArray(value)) return Promise.all(value.map(describe));
      if (value && typeof value === 'object') {
        const entries = await Promise.all(
          Object.entries(value).map(async ([key, inner]) => [key, await describe(inner)] as const),
        );
        return Object.fromEntries(entries);
      }
      return value;
    };
    const databases = await indexedDB.databases();
    for (const info of databases) {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const opening = indexedDB.open(info.name ?? '');
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
      });
      for (const storeName of database.objectStoreNames) {
        const [values, keysOfStore] = await new Promise<[unknown[], IDBValidKey[]]>((resolve, reject) => {
          const store = database.transaction(storeName, 'readonly').objectStore(storeName);
          const all = store.getAll();
          const allKeys = store.getAllKeys();
          all.transaction?.addEventListener('complete', () => resolve([all.result, allKeys.result]));
          all.onerror = () => reject(all.error);
        });
        out.push({
          area: `indexedDB:${info.name}/${storeName}`,
          text: JSON.stringify({ keys: keysOfStore, values: await describe(values) }),
        });
      }
      database.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        const body = new Uint8Array(await ((await cache.match(request))?.arrayBuffer() ?? new ArrayBuffer(0)));
        // Large proving keys: searched as latin-1 text (every byte one character).
        let text = '';
        for (let index = 0; index < body.length; index += 65_536) {
          text += String.fromCharCode(...body.subarray(index, index + 65_536));
        }
        out.push({ area: `cache:${cacheName}:${request.url}`, text });
      }
    }
    return { out, keys, databases: databases.map((info) => info.name) };
  });
  const cookies = await context.cookies();
  inPage.out.push({ area: 'cookies', text: JSON.stringify(cookies) });
  return inPage;
}

/** Every document under the pod's /decdp/ folder, read with the owner's credentials. */
async function dumpPod(): Promise<{ url: string; text: string }[]> {
  const session = await loginWithClientCredentials(system.demo.login);
  const out: { url: string; text: string }[] = [];
  try {
    const walk = async (container: string): Promise<void> => {
      for (const url of await listContainer({ url: container, fetch: session.fetch })) {
        if (url.endsWith('/')) await walk(url);
        else {
          const response = await session.fetch(url);
          out.push({ url, text: await response.text() });
        }
      }
    };
    await walk(new URL('decdp/', system.demo.podUrl).href);
    // The profile and the pod root too: a secret must not hide outside /decdp/ either.
    for (const url of [system.demo.webId, system.demo.podUrl]) {
      out.push({ url, text: await (await session.fetch(url)).text() });
    }
  } finally {
    await session.logout();
  }
  return out;
}

function findSpellings(areas: { text: string; area?: string; url?: string }[], spellings: string[]) {
  const found: string[] = [];
  for (const area of areas) {
    for (const spelling of spellings) {
      if (area.text.toLowerCase().includes(spelling.toLowerCase())) {
        found.push(`${area.area ?? area.url}: ${spelling.slice(0, 12)}…`);
      }
    }
  }
  return found;
}

describe('the holder secret at rest', () => {
  let firstDevice: BrowserContext;
  let page: Page;

  it('is nowhere in the clear after unlocking with a passphrase: not in any browser storage, not in the pod', async () => {
    firstDevice = await browser.newContext();
    page = await firstDevice.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await logIn(page);
    // No passphrase yet anywhere: only the phrase can unlock.
    await expect(page.getByTestId('unlock-form').count()).resolves.toBe(0);
    await page.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase);
    await page.getByTestId('restore-passphrase').fill(PASSPHRASE);
    await page.getByTestId('restore-button').click();
    await unlocked(page);

    const spellings = secretSpellings();
    const storage = await dumpBrowserStorage(page, firstDevice);
    // The search can fail: the areas it reads are the ones the wallet writes.
    expect(storage.databases).toContain('decdp-wallet');
    expect(storage.out.some((area) => area.area === 'indexedDB:decdp-wallet/vaults')).toBe(true);
    expect(storage.out.some((area) => area.area.startsWith('sessionStorage'))).toBe(true);
    expect(findSpellings(storage.out, spellings)).toEqual([]);
    // The search can find a secret where one is: planted in sessionStorage and in IndexedDB as bytes, it is seen.
    const secretHex = system.demo.holderSecret.toString(16);
    await page.evaluate(async (hex) => {
      sessionStorage.setItem('planted', BigInt(`0x${hex}`).toString());
      const bytes = new Uint8Array((hex.length + 1) >> 1);
      const padded = hex.padStart(bytes.length * 2, '0');
      for (let index = 0; index < bytes.length; index++)
        bytes[index] = Number.parseInt(padded.slice(index * 2, index * 2 + 2), 16);
      await new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open('planted', 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore('s');
        opening.onsuccess = () => {
          const transaction = opening.result.transaction('s', 'readwrite');
          transaction.objectStore('s').put(bytes, 'k');
          transaction.oncomplete = () => {
            opening.result.close();
            resolve();
          };
        };
        opening.onerror = () => reject(opening.error);
      });
    }, secretHex);
    const planted = findSpellings((await dumpBrowserStorage(page, firstDevice)).out, spellings);
    expect(planted.some((line) => line.startsWith('sessionStorage'))).toBe(true);
    expect(planted.some((line) => line.startsWith('indexedDB:planted/s'))).toBe(true);
    await page.evaluate(async () => {
      sessionStorage.removeItem('planted');
      await new Promise((resolve) => {
        indexedDB.deleteDatabase('planted').onsuccess = resolve;
      });
    });
    // Every key kept is non-extractable: one per vault and per session, none exportable.
    expect(storage.keys.length).toBeGreaterThanOrEqual(2);
    expect(storage.keys.every((key) => !key.extractable && !key.exported)).toBe(true);

    const pod = await dumpPod();
    const backup = pod.find((document) => document.url.endsWith('/decdp/wallet-backup.json'));
    expect(backup, 'the encrypted backup is in the pod').toBeDefined();
    expect(JSON.parse(backup?.text ?? '{}')).toMatchObject({
      type: 'decdp.sealed-secret',
      kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 },
    });
    expect(findSpellings(pod, spellings)).toEqual([]);
  });

  it('a reload resumes the tab session; log out ends it and the passphrase unlocks from the device', async () => {
    await page.reload();
    await showScreen(page, 'credentials');
    await page.getByTestId('credential-item').first().waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('wallet-restore').count()).resolves.toBe(0);

    await page.getByTestId('logout-button').click();
    await page.getByTestId('login-button').waitFor();
    const afterLogout = await dumpBrowserStorage(page, firstDevice);
    expect(afterLogout.out.filter((area) => area.text.includes('decdp.wallet.session'))).toEqual([]);

    await page.getByTestId('login-button').click();
    // Still logged in at the Solid server: straight back, or through its consent page.
    const authorize = page.getByRole('button', { name: /authorize/i });
    await Promise.race([
      authorize.click({ timeout: 30_000 }).catch(() => {}),
      page.getByTestId('wallet-restore').waitFor({ timeout: 60_000 }),
    ]);
    await page.getByTestId('wallet-restore').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('unlock-form').getAttribute('data-source')).resolves.toBe('device');
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.getByTestId('unlock-button').click();
    await unlocked(page);
    await firstDevice.close();
  });

  it('a second device restores from the pod backup with the passphrase; a wrong passphrase fails closed', async () => {
    const secondDevice = await browser.newContext();
    const other = await secondDevice.newPage();
    await logIn(other);
    await expect(other.getByTestId('unlock-form').getAttribute('data-source')).resolves.toBe('pod');

    await other.getByTestId('unlock-passphrase').fill('purple otter sings at dusk');
    await other.getByTestId('unlock-button').click();
    const refused = other.locator('[data-testid="error-message"][data-code="WRONG_PASSPHRASE"]');
    await refused.waitFor({ timeout: 60_000 });
    await expect(refused.textContent()).resolves.toMatch(/passphrase is wrong/i);
    // Fails closed: still locked, no credential can be used, nothing kept.
    await expect(other.getByTestId('wallet-restore').isVisible()).resolves.toBe(true);
    const locked = await dumpBrowserStorage(other, secondDevice);
    expect(locked.out.filter((area) => area.text.includes('decdp.wallet.session'))).toEqual([]);

    const started = Date.now();
    await other.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await other.getByTestId('unlock-button').click();
    await unlocked(other);
    console.log(`passphrase unlock from the pod backup (scrypt 128 MiB): ${Date.now() - started} ms`);
    const storage = await dumpBrowserStorage(other, secondDevice);
    expect(storage.databases).toContain('decdp-wallet');
    expect(findSpellings(storage.out, secretSpellings())).toEqual([]);
    await secondDevice.close();
  });

  it('the recovery phrase still unlocks on a third device, without a passphrase', async () => {
    const thirdDevice = await browser.newContext();
    const third = await thirdDevice.newPage();
    await logIn(third);
    await third.getByTestId('restore-phrase').fill(system.demo.recoveryPhrase);
    await third.getByTestId('restore-button').click();
    await unlocked(third);
    const storage = await dumpBrowserStorage(third, thirdDevice);
    expect(findSpellings(storage.out, secretSpellings())).toEqual([]);
    // No passphrase given here: no vault on this device, only the tab session.
    const vault = storage.out.find((area) => area.area === 'indexedDB:decdp-wallet/vaults');
    expect(JSON.parse(vault?.text ?? '{}').keys).toEqual([]);
    await thirdDevice.close();
  });
});
