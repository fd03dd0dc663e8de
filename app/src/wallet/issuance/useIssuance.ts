// The "Add credentials" flow for the logged-in wallet: issuers from the config (and any URL the
// person enters), one issuance at a time — start a session, prove possession of the holder secret
// (in this page), sign in at the source (a form, Sign-In with Ethereum, or the source's own page in
// a popup), preview, accept, store in the pod with provenance. Nothing is written before accept.
import type { AttributeCredential, IssuancePreview, IssuerDescriptor } from '@decdp/sdk/protocol';
import {
  acceptIssuance,
  authenticateAtSource,
  fetchIssuer,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  REWARD_ACCOUNT_PATH,
  siweMessageFor,
  startIssuance,
  storeIssuedCredentials,
} from '@decdp/sdk/wallet';
import { HDNodeWallet, Mnemonic } from 'ethers';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadBrowserArtifacts } from '../loadBrowserArtifacts.ts';
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

type Active = { issuerUrl: string; source: string; session: IssuanceSession; possession: Promise<void> };

type EthereumProvider = { request(args: { method: string; params?: unknown[] }): Promise<unknown> };

export function useIssuance() {
  const wallet = useWallet();
  const { pod, config, session, report, setStatus, setPod } = wallet;
  const [issuers, setIssuers] = useState<KnownIssuer[]>([]);
  const [step, setStep] = useState<IssuanceStep>({ kind: 'idle' });
  const active = useRef<Active | null>(null);
  const popup = useRef<Window | null>(null);

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

  function fail(error: unknown) {
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
    if (!pod?.wallet) return;
    try {
      setStep({ kind: 'working', words: 'Starting…' });
      const started = await startIssuance({ issuerUrl, source, holderSecret: pod.wallet.holderSecret });
      const holderSecret = pod.wallet.holderSecret;
      // The proof of possession runs while the person signs in at the source.
      const provingStarted = performance.now();
      const possession = loadBrowserArtifacts({})
        .then((artifacts) => provePossession({ session: started, holderSecret, artifacts }))
        .then(() =>
          console.info(`issuance: possession proved in ${Math.round(performance.now() - provingStarted)} ms`),
        );
      possession.catch(() => {});
      active.current = { issuerUrl, source, session: started, possession };
      const auth = started.authentication;
      if (auth.kind === 'form') setStep({ kind: 'form', fields: auth.fields });
      else if (auth.kind === 'siwe') setStep({ kind: 'siwe' });
      else {
        popup.current = window.open(auth.url, 'decdp-issuer-source', 'popup,width=520,height=680');
        setStep({ kind: 'redirect', url: auth.url });
        void waitForSource();
      }
    } catch (error) {
      fail(error);
    }
  }

  /** The source's page signs the person in and comes back to the issuer; poll until it did. */
  async function waitForSource() {
    const current = active.current;
    for (let attempt = 0; attempt < 600 && active.current === current && current; attempt++) {
      try {
        await showPreview();
        popup.current?.close();
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'SOURCE_AUTH_FAILED' || (error as { field?: string }).field !== 'session') return fail(error);
      }
      setStep({ kind: 'redirect', url: (current.session.authentication as { url: string }).url });
      await new Promise((resolve) => setTimeout(resolve, 1000));
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
      setStep({ kind: 'working', words: 'Proving that this wallet is yours…' });
      await current.possession;
      setStep({ kind: 'working', words: 'Storing in your pod…' });
      const issued = await acceptIssuance({ session: current.session, preview });
      const urls = await storeIssuedCredentials({ podUrl: pod.podUrl, issued, fetch: session.fetch });
      const put = urls.map((url, index) => ({
        url,
        value: {
          ...(issued.credentials[index] as AttributeCredential),
          evidence: [{ type: 'DecdpIssuance' as const, ...issued.provenance }],
        },
      }));
      setPod((state) => (state ? withDocuments(state, 'credentials', put) : state));
      active.current = null;
      setStep({ kind: 'idle' });
      setStatus(
        `Stored ${urls.length} credential${urls.length === 1 ? '' : 's'} from ${issued.provenance.issuerName} in your pod.`,
      );
    } catch (error) {
      fail(error);
    }
  }

  function cancel() {
    active.current = null;
    popup.current?.close();
    setStep({ kind: 'idle' });
    setStatus('Nothing was added.');
  }

  return { issuers, addIssuer, step, begin, submitForm, signInWithEthereum, accept, cancel };
}
