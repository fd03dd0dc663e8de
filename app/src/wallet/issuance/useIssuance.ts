// The "Add credentials" flow for the logged-in wallet: issuers from the config (and any URL the
// person enters), one issuance at a time — start a session, sign in at the source (a form, Sign-In
// with Ethereum, or the source's own page in a popup), preview, accept, store in the pod with
// provenance. Nothing is written before accept. The proof of possession each issuance needs is
// made ahead, in the prover worker, while the person reads the list: by the time they accept, the
// issuer already holds it (docs/issuer.md § Proof of possession).
import { deleteDocument } from '@decdp/sdk/pod';
import type { AttributeCredential, IssuancePreview, IssuerDescriptor } from '@decdp/sdk/protocol';
import {
  acceptIssuance,
  authenticateAtSource,
  fetchIssuer,
  type IssuancePossession,
  type IssuanceSession,
  previewIssuance,
  REWARD_ACCOUNT_PATH,
  requestPossession,
  siweMessageFor,
  startIssuance,
  storeIssuedCredentials,
} from '@decdp/sdk/wallet';
import { HDNodeWallet, Mnemonic } from 'ethers';
import { useCallback, useEffect, useRef, useState } from 'react';
import { provePossessionInWorker, warmProver } from '../proveInWorker.ts';
import { withDocuments } from '../state/podState.ts';
import { useWallet } from '../state/WalletState.tsx';

export type KnownIssuer = { url: string; descriptor: IssuerDescriptor | null; error: string | null };

export type IssuanceStep =
  | { kind: 'idle' }
  | { kind: 'working'; words: string }
  | { kind: 'form'; fields: { name: string; label: string; secret: boolean }[] }
  | { kind: 'siwe' }
  | { kind: 'redirect'; url: string }
  | { kind: 'preview'; preview: IssuancePreview };

/** A possession challenge asked for ahead, and its proof (in the worker) on the way to the issuer. */
type Prepared = { challenge: Promise<IssuancePossession>; proven: Promise<void> };

type Active = { issuerUrl: string; source: string; session: IssuanceSession; proven: Promise<void> };

/** A prepared challenge is used while it has this long left (a session may take a few minutes). */
const FRESH_FOR_SECONDS = 300;

type EthereumProvider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

export function useIssuance() {
  const wallet = useWallet();
  const { pod, config, session, report, setStatus, setPod } = wallet;
  const [issuers, setIssuers] = useState<KnownIssuer[]>([]);
  const [step, setStep] = useState<IssuanceStep>({ kind: 'idle' });
  const active = useRef<Active | null>(null);
  const popup = useRef<Window | null>(null);
  const prepared = useRef(new Map<string, Prepared>());
  const holderSecret = pod?.wallet?.holderSecret;

  /** Asks the issuer for a challenge and proves it in the worker; one ready per issuer, used once. */
  const prepare = useCallback(
    (issuerUrl: string): Prepared | undefined => {
      if (holderSecret === undefined) return undefined;
      const ready = prepared.current.get(issuerUrl);
      if (ready) return ready;
      const started = performance.now();
      const challenge = requestPossession({ issuerUrl, holderSecret });
      const proven = challenge
        .then((possession) => provePossessionInWorker({ possession, holderSecret }))
        .then(({ provingMs }) =>
          console.info(
            `issuance: possession proved in ${Math.round(provingMs)} ms (ready ${Math.round(performance.now() - started)} ms after asking)`,
          ),
        );
      const entry: Prepared = { challenge, proven };
      // A failed or stale one is dropped, so the next use asks again.
      const drop = () => {
        if (prepared.current.get(issuerUrl) === entry) prepared.current.delete(issuerUrl);
      };
      proven.catch(drop);
      void challenge.then(
        (possession) => {
          const staleIn = (possession.expiresAt - FRESH_FOR_SECONDS) * 1000 - Date.now();
          setTimeout(drop, Math.max(0, staleIn));
        },
        () => {},
      );
      prepared.current.set(issuerUrl, entry);
      return entry;
    },
    [holderSecret],
  );

  /** Takes the prepared challenge for this issuer (or makes one now). */
  function takePrepared(issuerUrl: string): Prepared {
    const entry = prepare(issuerUrl) as Prepared;
    prepared.current.delete(issuerUrl);
    return entry;
  }

  const addIssuer = useCallback(async (url: string) => {
    const known: KnownIssuer = { url, descriptor: null, error: null };
    try {
      known.descriptor = await fetchIssuer({ issuerUrl: url });
    } catch (error) {
      known.error = error instanceof Error ? (error.message.split('\n')[0] ?? 'unreachable') : String(error);
    }
    setIssuers((current) => [...current.filter((entry) => entry.url !== url), known]);
    return known;
  }, []);

  useEffect(() => {
    for (const url of config.issuers ?? []) void addIssuer(url);
  }, [config.issuers, addIssuer]);

  // While the person reads the list: the prover worker warms up and proves for each issuer.
  useEffect(() => {
    if (holderSecret === undefined) return;
    warmProver();
    for (const issuer of issuers) if (issuer.descriptor) prepare(issuer.url);
  }, [issuers, holderSecret, prepare]);

  function fail(error: unknown) {
    if (active.current) prepare(active.current.issuerUrl);
    active.current = null;
    popup.current?.close();
    setStep({ kind: 'idle' });
    report(error);
  }

  async function showPreview() {
    const current = active.current;
    if (!current) return;
    setStep({ kind: 'working', words: 'Asking the issuer what it would issue…' });
    const preview = await previewIssuance({ session: current.session });
    setStep({ kind: 'preview', preview });
  }

  async function begin(issuerUrl: string, source: string) {
    if (holderSecret === undefined) return;
    try {
      setStep({ kind: 'working', words: 'Starting…' });
      const { challenge, proven } = takePrepared(issuerUrl);
      proven.catch(() => {});
      const started = await startIssuance({ issuerUrl, source, holderSecret, possession: await challenge });
      active.current = { issuerUrl, source, session: started, proven };
      const auth = started.authentication;
      if (auth.kind === 'form') setStep({ kind: 'form', fields: auth.fields });
      else if (auth.kind === 'siwe') setStep({ kind: 'siwe' });
      else if (auth.kind === 'renewal') await showPreview();
      else {
        popup.current = window.open(auth.url, 'decdp-issuer-source', 'popup,width=520,height=680');
        setStep({ kind: 'redirect', url: auth.url });
        void waitForSource(new URL(issuerUrl).origin, auth.url);
      }
    } catch (error) {
      fail(error);
    }
  }

  /**
   * The source's page signs the person in and comes back to the issuer, whose page tells this one
   * (postMessage, nothing secret in it); until then, or without it, ask every second.
   */
  async function waitForSource(issuerOrigin: string, url: string) {
    const current = active.current;
    let wake = () => {};
    const onMessage = (event: MessageEvent) => {
      if (event.origin === issuerOrigin && (event.data as { type?: string })?.type === 'decdp-issuer-signed-in') wake();
    };
    window.addEventListener('message', onMessage);
    try {
      for (let attempt = 0; attempt < 600 && active.current === current && current; attempt++) {
        try {
          await showPreview();
          popup.current?.close();
          return;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code !== 'SOURCE_AUTH_FAILED' || (error as { field?: string }).field !== 'session') return fail(error);
        }
        setStep({ kind: 'redirect', url });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      window.removeEventListener('message', onMessage);
    }
  }

  async function submitForm(values: Record<string, string>) {
    const current = active.current;
    if (!current) return;
    try {
      setStep({ kind: 'working', words: 'Signing in at the source…' });
      await authenticateAtSource({ session: current.session, body: values });
      await showPreview();
    } catch (error) {
      fail(error);
    }
  }

  /** Sign-In with Ethereum: an injected wallet if the browser has one, else the wallet's own reward account (from the phrase). */
  async function signInWithEthereum(recoveryPhrase: string | null) {
    const current = active.current;
    if (!current) return;
    try {
      setStep({ kind: 'working', words: 'Signing in with Ethereum (no transaction)…' });
      let address: string;
      let sign: (message: string) => Promise<string>;
      const injected = (window as { ethereum?: EthereumProvider }).ethereum;
      if (!recoveryPhrase && injected) {
        const accounts = (await injected.request({ method: 'eth_requestAccounts' })) as string[];
        address = accounts[0] as string;
        sign = async (message) =>
          (await injected.request({ method: 'personal_sign', params: [message, address] })) as string;
      } else {
        const account = HDNodeWallet.fromMnemonic(
          Mnemonic.fromPhrase((recoveryPhrase ?? '').trim().toLowerCase().split(/\s+/).join(' ')),
          REWARD_ACCOUNT_PATH,
        );
        address = account.address;
        sign = (message) => account.signMessage(message);
      }
      const message = siweMessageFor({ authentication: current.session.authentication, address });
      await authenticateAtSource({ session: current.session, body: { message, signature: await sign(message) } });
      await showPreview();
    } catch (error) {
      fail(error);
    }
  }

  async function accept(preview: IssuancePreview) {
    const current = active.current;
    if (!current || !pod) return;
    try {
      const clicked = performance.now();
      setStep({ kind: 'working', words: 'Proving that this wallet is yours…' });
      await current.proven;
      const proven = performance.now();
      setStep({ kind: 'working', words: 'Storing in your pod…' });
      const issued = await acceptIssuance({ session: current.session, preview });
      const accepted = performance.now();
      const urls = await storeIssuedCredentials({ podUrl: pod.podUrl, issued, fetch: session.fetch });
      const ms = (from: number, to: number) => Math.round(to - from);
      console.info(
        `issuance: accept — waited for the proof ${ms(clicked, proven)} ms, issued and checked ${ms(proven, accepted)} ms, stored ${ms(accepted, performance.now())} ms`,
      );
      const put = urls.map((url, index) => ({
        url,
        value: {
          ...(issued.credentials[index] as AttributeCredential),
          evidence: [{ type: 'DecdpIssuance' as const, ...issued.provenance }],
        },
      }));
      setPod((state) => (state ? withDocuments(state, 'credentials', put) : state));
      // Issuing again at the same source (a renewal by hand) replaces what it said before about the same attributes.
      const attributes = new Set(issued.credentials.map((credential) => credential.credentialSubject.attribute));
      const replaced = pod.credentials.items
        .filter(({ url, value }) => {
          const evidence = value.evidence?.[0];
          return (
            !urls.includes(url) &&
            evidence?.issuerUrl === issued.provenance.issuerUrl &&
            evidence.source === issued.provenance.source &&
            attributes.has(value.credentialSubject.attribute)
          );
        })
        .map(({ url }) => url);
      await Promise.all(replaced.map((url) => deleteDocument({ url, fetch: session.fetch })));
      setPod((state) => (state ? withDocuments(state, 'credentials', [], replaced) : state));
      active.current = null;
      setStep({ kind: 'idle' });
      setStatus(
        `Stored ${urls.length} credential${urls.length === 1 ? '' : 's'} from ${issued.provenance.issuerName} in your pod.`,
      );
      // The next issuance at this issuer finds its proof ready.
      prepare(current.issuerUrl);
    } catch (error) {
      fail(error);
    }
  }

  function cancel() {
    if (active.current) prepare(active.current.issuerUrl);
    active.current = null;
    popup.current?.close();
    setStep({ kind: 'idle' });
    setStatus('Nothing was added.');
  }

  return { issuers, addIssuer, step, begin, submitForm, signInWithEthereum, accept, cancel };
}
