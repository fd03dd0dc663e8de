// The wallet page: log in to the pod, see credentials and requests, answer with proofs.

import { InvalidInputError } from '@decdp/sdk/errors';
import { findPodUrl } from '@decdp/sdk/pod';
import type { AttributeCredential, ConsentReceipt, SignedRequest } from '@decdp/sdk/protocol';
import { getAttribute, parseCredential } from '@decdp/sdk/protocol';
import {
  assertKeysMatch,
  decideByPolicies,
  declareAttribute,
  type PolicyDecision,
  policyFromRequest,
  type StandingPolicy,
  subjectCommitment,
  type WalletDocument,
  walletKeysFromPhrase,
} from '@decdp/sdk/wallet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AppConfig, loadConfig } from '../shared/config.ts';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../shared/errors.ts';
import { listMerchantRequests } from '../shared/merchantService.ts';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { readTokenBalance, type TokenBalance } from '../shared/tokenBalance.ts';
import { approveRequest } from './approveRequest.ts';
import { CredentialList } from './CredentialList.tsx';
import { type ClaimStep, claimReward } from './claimReward.ts';
import { buildDenialReceipt, type DenialReceipt } from './denialReceipt.ts';
import { forgetDeviceKeys, loadDeviceKeys, saveDeviceKeys } from './deviceKeys.ts';
import { type DeletionSummary, HistoryPanel } from './HistoryPanel.tsx';
import { PolicyList } from './PolicyList.tsx';
import {
  type AutomaticAnswer,
  createWalletInPod,
  deleteCredential,
  deletePolicy,
  type InvalidDocument,
  logAutomaticAnswer,
  type PodDocuments,
  readAutomaticAnswers,
  readConfirmations,
  readCredentials,
  readDenials,
  readInboxRequests,
  readPolicies,
  readReceipts,
  readWalletDocument,
  saveCredential,
  saveDenial,
  savePolicy,
  saveReceipt,
  type UnlockedWallet,
} from './pod.ts';
import { isCancelled, warmProver } from './proveInWorker.ts';
import { RequestCard, type RequestPhase, stepInWords } from './RequestCard.tsx';
import { RewardsPanel } from './RewardsPanel.tsx';
import { flushReceipts } from './receiptOutbox.ts';
import { revokeReceipt } from './revokeReceipt.ts';
import { endSession, restoreSession, type SessionState, startLogin } from './session.ts';
import { WalletCreate, WalletRestore } from './WalletSetup.tsx';
import { mergeRequests } from './walletRequests.ts';

type PodState = {
  podUrl: string;
  /** wallet.json: null on first run (no wallet in this pod yet), undefined when it could not be read. */
  walletDocument: WalletDocument | null | undefined;
  /** Unlocked on this device (from the recovery phrase), else null. */
  wallet: UnlockedWallet | null;
  credentials: PodDocuments<AttributeCredential>;
  receipts: PodDocuments<ConsentReceipt>;
  inbox: SignedRequest[];
  merchantRequests: SignedRequest[];
  invalidRequests: InvalidDocument[];
  policies: PodDocuments<StandingPolicy>;
  automaticLog: PodDocuments<AutomaticAnswer>;
  denials: PodDocuments<DenialReceipt>;
  /** Merchants' deletion confirmations, by receipt id. */
  confirmations: Map<string, DeletionSummary>;
};

/** The pod state with one receipt replaced by its new version (same id, same pod document). */
function withReceipt(state: PodState, receipt: ConsentReceipt): PodState {
  const items = state.receipts.items.map((entry) =>
    entry.value.id === receipt.id ? { url: entry.url, value: receipt } : entry,
  );
  return { ...state, receipts: { ...state.receipts, items } };
}

const EMPTY: PodDocuments<never> = { items: [], invalid: [] };

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function WalletApp() {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [session, setSession] = useState<SessionState | null | 'checking'>('checking');
  const [pod, setPod] = useState<PodState | null>(null);
  const [balance, setBalance] = useState<TokenBalance | 'unavailable' | null>(null);
  const [errors, setErrors] = useState<ErrorInWords[]>([]);
  const [status, setStatus] = useState('Loading…');
  const [phases, setPhases] = useState<Record<string, RequestPhase>>({});
  // Denied in this session even when the pod could not take the denial receipt.
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  /** Where the claim being made is: proving (with the bar), sending, confirming, done. */
  const [claimStep, setClaimStep] = useState<{ receiptId: string; step: ClaimStep } | null>(null);
  /** A receipt being revoked or claimed, or an attribute being opted out of. */
  const [working, setWorking] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(nowSeconds);
  const [solidServer, setSolidServer] = useState('');

  // The same error twice (a second refresh, StrictMode's double effects) is shown once.
  const report = useCallback((error: unknown) => {
    const words = errorInWords(error);
    setErrors((list) =>
      list.some((known) => known.code === words.code && known.message === words.message) ? list : [...list, words],
    );
  }, []);

  // 1. Configuration, then the login state (this also completes a login redirect).
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const loaded = await loadConfig();
        if (cancelled) return;
        setConfig(loaded);
        setStatus('Checking whether you are logged in…');
        const restored = await restoreSession();
        if (cancelled) return;
        setSession(restored);
        setStatus(restored ? `Logged in as ${restored.webId}.` : 'You are not logged in.');
      } catch (error) {
        if (cancelled) return;
        setSession(null);
        setStatus('');
        report(error);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [report]);

  const refreshBalance = useCallback(
    async (wallet: { recipient: string } | null) => {
      if (!config || !wallet) return;
      try {
        setBalance(
          await readTokenBalance({
            rpcUrl: config.rpcUrl,
            chainId: config.chainId,
            token: config.contracts.token,
            owner: wallet.recipient,
          }),
        );
      } catch (error) {
        setBalance('unavailable');
        report(error);
      }
    },
    [config, report],
  );

  // 2. Everything in the pod, plus the merchant service's open requests.
  const refresh = useCallback(async () => {
    if (!config || !session || session === 'checking') return;
    setLoading(true);
    setStatus('Reading your pod…');
    setNow(nowSeconds());
    try {
      const podUrl = pod?.podUrl ?? (await findPodUrl({ webId: session.webId, fetch: session.fetch }));
      const params = { podUrl, fetch: session.fetch };
      const outbox = await flushReceipts({
        store: localStorage,
        webId: session.webId,
        save: (receipt) => saveReceipt({ ...params, receipt }),
      });
      if (outbox.saved.length) setStatus(`Saved ${outbox.saved.length} waiting receipt(s) in your pod.`);
      const invalidRequests: InvalidDocument[] = [];
      // Each part fails on its own: a missing inbox must not hide the credentials.
      const orElse =
        <T,>(fallback: T) =>
        (error: unknown): T => {
          report(error);
          return fallback;
        };
      const [
        walletDocument,
        credentials,
        receipts,
        inbox,
        merchantRequests,
        policies,
        automaticLog,
        denials,
        confirmations,
      ] = await Promise.all([
        readWalletDocument(params).catch(orElse(undefined)),
        readCredentials(params).catch(orElse(EMPTY)),
        readReceipts(params).catch(orElse(EMPTY)),
        readInboxRequests(params).catch(orElse(EMPTY)),
        listMerchantRequests(config.merchantService, (error) =>
          invalidRequests.push({ url: config.merchantService, message: errorInWords(error).message }),
        ).catch(orElse<SignedRequest[]>([])),
        readPolicies(params).catch(orElse(EMPTY)),
        readAutomaticAnswers(params).catch(orElse(EMPTY)),
        readDenials(params).catch(orElse(EMPTY)),
        readConfirmations(params).catch(orElse(EMPTY)),
      ]);
      invalidRequests.push(...inbox.invalid);
      const wallet = walletDocument ? loadDeviceKeys(session.webId, walletDocument) : null;
      setPod({
        walletDocument,
        podUrl,
        wallet,
        credentials,
        receipts,
        inbox: inbox.items.map((item) => item.value),
        merchantRequests,
        invalidRequests,
        policies,
        automaticLog: { ...automaticLog, items: [...automaticLog.items].reverse() },
        denials,
        confirmations: new Map(
          confirmations.items.map(({ url, value }) => [
            decodeURIComponent(url.split('/').pop() ?? '').replace(/\.json$/, ''),
            { deletedAt: value.confirmation.deletedAt, deletedRecords: value.confirmation.deletedRecords },
          ]),
        ),
      });
      await refreshBalance(wallet ?? walletDocument ?? null);
      setStatus(
        `Found ${credentials.items.length} credential(s) and ${inbox.items.length + merchantRequests.length} request(s).`,
      );
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setLoading(false);
    }
  }, [config, session, pod?.podUrl, report, refreshBalance]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per login, not on every refresh change.
  useEffect(() => {
    if (session && session !== 'checking') void refresh();
  }, [session, config]);

  const requests = useMemo(
    () =>
      pod
        ? mergeRequests({
            inbox: pod.inbox,
            merchant: pod.merchantRequests,
            receipts: pod.receipts.items.map((item) => item.value),
            denials: pod.denials.items.map((item) => item.value),
            now,
          })
        : [],
    [pod, now],
  );

  const known = balance && balance !== 'unavailable' ? balance : null;
  const balanceText = known ? `${known.formatted} ${known.symbol}` : balance === 'unavailable' ? 'unavailable' : '…';
  const token = { symbol: known?.symbol ?? 'tokens', decimals: known?.decimals ?? 18 };
  // "Requests for you": open ones and the ones answered in this session; the rest is history.
  const shown = requests.filter(
    (item) => phases[item.key] || (!item.receipt && !item.denial && !dismissed.has(item.key)),
  );
  const openCount = shown.filter((item) => !item.receipt && !item.problem && !phases[item.key]).length;
  const busy = working !== null || Object.values(phases).some((phase) => phase.state === 'working');
  const aborts = useRef(new Map<string, AbortController>());

  /** Records what a standing policy did, in the pod; a failure to log is shown, the answer stands. */
  async function logAutomatic(item: { signed: SignedRequest }, decision: PolicyDecision) {
    if (!pod || !session || session === 'checking' || decision.decision === 'ask') return;
    const entry: AutomaticAnswer = {
      at: new Date().toISOString(),
      requestId: item.signed.request.id,
      merchant: item.signed.request.merchant.name,
      decision: decision.decision,
      policyIds: decision.policyIds,
      reason: decision.reason,
    };
    try {
      await logAutomaticAnswer({ podUrl: pod.podUrl, entry, fetch: session.fetch });
      setPod((current) =>
        current
          ? {
              ...current,
              automaticLog: {
                ...current.automaticLog,
                items: [{ url: entry.at, value: entry }, ...current.automaticLog.items],
              },
            }
          : current,
      );
    } catch (error) {
      report(error);
    }
  }

  async function approve(key: string, automatic?: PolicyDecision) {
    const item = requests.find((candidate) => candidate.key === key);
    if (!config || !pod || !item || !session || session === 'checking') return;
    if (!pod.wallet) {
      report({ code: 'WALLET_LOCKED', message: 'Unlock your wallet with your recovery phrase first.' });
      return;
    }
    const merchantName = item.signed.request.merchant.name;
    const setPhase = (phase: RequestPhase) => setPhases((all) => ({ ...all, [key]: phase }));
    const controller = new AbortController();
    aborts.current.set(key, controller);
    try {
      const result = await approveRequest({
        config,
        podUrl: pod.podUrl,
        webId: session.webId,
        fetch: session.fetch,
        wallet: pod.wallet,
        credentials: pod.credentials.items.map((entry) => entry.value),
        signedRequest: item.signed,
        signal: controller.signal,
        onStep: (step) => {
          setPhase({ state: 'working', step });
          // Announce step changes, not every download tick.
          if (step.step !== 'proving' || !step.progress || step.progress.stage === 'proving') {
            setStatus(stepInWords(step, merchantName));
          }
        },
      });
      setPhase({ state: 'done', result });
      if (automatic) await logAutomatic(item, automatic);
      console.info(
        `[decdp] proof for ${item.signed.request.id}: ${result.timings.proofs} proof(s) in ${Math.round(result.timings.provingMs)} ms (artifacts ${Math.round(result.timings.artifactsMs)} ms)`,
      );
      const receiptUrl = result.receiptUrl ?? `pending:${result.receipt.id}`;
      setPod((current) =>
        current
          ? {
              ...current,
              receipts: {
                ...current.receipts,
                items: [
                  ...current.receipts.items.filter((entry) => entry.url !== receiptUrl),
                  { url: receiptUrl, value: result.receipt },
                ],
              },
            }
          : current,
      );
      if (!result.receiptUrl) {
        report({
          code: 'RECEIPT_WAITING',
          message:
            'Your pod could not be reached to save the receipt. It is kept on this device and saved on the next refresh.',
        });
      }
      await refreshBalance(pod.wallet);
      setStatus(
        result.answer.rewardError
          ? `${merchantName} recorded your proof, but could not pay the reward yet: claim it under "Your rewards".`
          : result.answer.reward
            ? `${merchantName} recorded your proof and paid your reward.`
            : `${merchantName} recorded your proof.`,
      );
    } catch (error) {
      if (isCancelled(error)) {
        // Back to pending: nothing left the device, the person can answer later.
        setPhases(({ [key]: _removed, ...rest }) => rest);
        setStatus(`Proof cancelled. Nothing was sent to ${merchantName}; the request is still waiting for you.`);
        return;
      }
      const words = errorInWords(error);
      setPhase({ state: 'failed', error: words });
      setStatus(`The answer to ${merchantName} failed: ${words.message}`);
    } finally {
      aborts.current.delete(key);
    }
  }

  function cancel(key: string) {
    aborts.current.get(key)?.abort();
  }

  /** "No": nothing is sent; the denial is recorded in the pod so no setting ever answers this request later. */
  async function deny(
    key: string,
    decided?: { by: 'person' | 'policy'; decision?: PolicyDecision; policyIds?: string[] },
  ) {
    const item = requests.find((candidate) => candidate.key === key);
    setDismissed((set) => new Set(set).add(key));
    setPhases(({ [key]: _removed, ...rest }) => rest);
    const automatic = decided?.decision;
    setStatus(automatic ? `${automatic.reason} Nothing was sent.` : 'You said no. Nothing was sent.');
    if (!item || !pod || !session || session === 'checking') return;
    if (automatic) void logAutomatic(item, automatic);
    try {
      const denial = buildDenialReceipt({
        explained: item.explained,
        deniedBy: decided?.by ?? 'person',
        policyIds: decided?.policyIds ?? automatic?.policyIds ?? [],
        now: new Date(),
      });
      const url = await saveDenial({ podUrl: pod.podUrl, denial, fetch: session.fetch });
      setPod((current) =>
        current
          ? {
              ...current,
              denials: {
                ...current.denials,
                items: [...current.denials.items.filter((entry) => entry.url !== url), { url, value: denial }],
              },
            }
          : current,
      );
    } catch (error) {
      report(error);
    }
  }

  async function claim(receiptId: string) {
    const entry = pod?.receipts.items.find((candidate) => candidate.value.id === receiptId);
    if (!config || !pod || !entry || !session || session === 'checking') return;
    const signedRequest = requestOf(entry.value);
    if (!pod.wallet || !signedRequest) {
      report({
        code: pod.wallet ? 'REQUEST_NOT_FOUND' : 'WALLET_LOCKED',
        message: pod.wallet
          ? `The request you answered for ${entry.value.merchant.name} is no longer in your pod, so no claim can be proved for it.`
          : 'Unlock your wallet with your recovery phrase first.',
      });
      return;
    }
    const merchantName = entry.value.merchant.name;
    setWorking(receiptId);
    setStatus(`Proving your claim for ${merchantName}'s reward…`);
    try {
      const { receipt, claim: paid } = await claimReward({
        config,
        podUrl: pod.podUrl,
        webId: session.webId,
        fetch: session.fetch,
        wallet: pod.wallet,
        credentials: pod.credentials.items.map((item) => item.value),
        signedRequest,
        receipt: entry.value,
        onStep: (step) => {
          setClaimStep({ receiptId, step });
          if (step.step === 'sending') setStatus(`Sending your claim to ${merchantName}; they pay the fee…`);
          if (step.step === 'confirming') setStatus(`Claim sent in transaction ${step.txHash}; waiting for the chain…`);
        },
      });
      const txHash = paid.txHash;
      setPod((current) => (current ? withReceipt(current, receipt) : current));
      await refreshBalance(pod.wallet ?? pod.walletDocument ?? null);
      setStatus(`Reward paid by ${merchantName} (transaction ${txHash}, block ${paid.blockNumber}).`);
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setWorking(null);
      setClaimStep(null);
    }
  }

  /** The signed request behind a receipt: saved in the pod on approval, or still listed by the merchant. */
  function requestOf(receipt: ConsentReceipt): SignedRequest | undefined {
    if (!pod) return undefined;
    return [...pod.inbox, ...pod.merchantRequests].find(
      (signed) =>
        signed.request.id === receipt.requestId && signed.request.merchant.address === receipt.merchant.address,
    );
  }

  /** Revokes one answer; returns false (and says why) when it could not. */
  async function revokeOne(entry: { url: string; value: ConsentReceipt }): Promise<boolean> {
    if (!pod?.wallet || !session || session === 'checking') return false;
    const signedRequest = requestOf(entry.value);
    if (!signedRequest) {
      report({
        code: 'REQUEST_NOT_FOUND',
        message: `The request you answered for ${entry.value.merchant.name} is no longer in your pod, so the answer cannot be revoked from here.`,
        hint: `Ask ${entry.value.merchant.name} to delete it, quoting receipt ${entry.value.id}.`,
      });
      return false;
    }
    setStatus(`Proving to ${entry.value.merchant.name} that the answer is yours, then asking them to delete it…`);
    const { receipt, confirmation } = await revokeReceipt({
      podUrl: pod.podUrl,
      fetch: session.fetch,
      receipt: entry.value,
      signedRequest,
      credentials: pod.credentials.items.map((item) => item.value),
      holderSecret: pod.wallet.holderSecret,
    });
    setPod((current) =>
      current
        ? {
            ...withReceipt(current, receipt),
            confirmations: new Map(current.confirmations).set(receipt.id, {
              deletedAt: confirmation.confirmation.deletedAt,
              deletedRecords: confirmation.confirmation.deletedRecords,
            }),
          }
        : current,
    );
    return true;
  }

  async function revoke(url: string) {
    const entry = pod?.receipts.items.find((candidate) => candidate.url === url);
    if (!entry) return;
    setWorking(entry.value.id);
    try {
      if (await revokeOne(entry)) {
        setStatus(`${entry.value.merchant.name} confirmed the deletion of your answer.`);
      }
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setWorking(null);
    }
  }

  /** Opt out of an attribute: a "never" rule for future requests, and a revocation to every merchant holding an answer about it. */
  async function optOut(attribute: string) {
    if (!pod) return;
    const label = getAttribute(attribute, 'attribute').label;
    setWorking(attribute);
    try {
      const saved = await addPolicies([
        {
          version: 1,
          id: `opt-out-${attribute}`,
          effect: 'deny',
          label: `Opted out: never prove my ${label}`,
          attributes: [attribute],
          createdAt: new Date().toISOString(),
        },
      ]);
      if (!saved) return;
      const held = pod.receipts.items.filter(
        (entry) => entry.value.status === 'active' && (attributesOf.get(entry.value.id) ?? []).includes(attribute),
      );
      let told = 0;
      for (const entry of held) {
        try {
          if (await revokeOne(entry)) told++;
        } catch (error) {
          report(error);
        }
      }
      setStatus(
        `You opted out of your ${label}: it will not be proven again; ${told} of ${held.length} merchant(s) confirmed deleting what they had.`,
      );
    } finally {
      setWorking(null);
    }
  }

  // Which attributes each answer was about, from the signed requests.
  const attributesOf = useMemo(() => {
    const map = new Map<string, string[]>();
    if (!pod) return map;
    const signedRequests = [...pod.inbox, ...pod.merchantRequests];
    for (const { value: receipt } of pod.receipts.items) {
      const signed = signedRequests.find(
        (candidate) =>
          candidate.request.id === receipt.requestId && candidate.request.merchant.address === receipt.merchant.address,
      );
      if (signed) map.set(receipt.id, [...new Set(signed.request.predicates.map((predicate) => predicate.attribute))]);
    }
    return map;
  }, [pod]);
  const optedOut = new Set(
    (pod?.policies.items ?? [])
      .filter((entry) => entry.value.id.startsWith('opt-out-') && entry.value.effect === 'deny')
      .flatMap((entry) => entry.value.attributes),
  );

  async function addPolicies(policies: StandingPolicy[]): Promise<boolean> {
    if (!pod || !session || session === 'checking') return false;
    try {
      const saved = await Promise.all(
        policies.map(async (policy) => ({
          url: await savePolicy({ podUrl: pod.podUrl, policy, fetch: session.fetch }),
          value: policy,
        })),
      );
      setPod((current) =>
        current
          ? {
              ...current,
              policies: {
                ...current.policies,
                items: [...current.policies.items.filter((entry) => !saved.some((s) => s.url === entry.url)), ...saved],
              },
            }
          : current,
      );
      setStatus(`Setting saved: ${policies.map((policy) => policy.label).join('; ')}.`);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  async function removePolicy(url: string) {
    if (!session || session === 'checking') return;
    try {
      await deletePolicy({ url, fetch: session.fetch });
      setPod((current) =>
        current
          ? {
              ...current,
              policies: { ...current.policies, items: current.policies.items.filter((e) => e.url !== url) },
            }
          : current,
      );
      setStatus('Setting removed.');
    } catch (error) {
      report(error);
    }
  }

  function withCredential(url: string, credential: AttributeCredential | null) {
    setPod((current) =>
      current
        ? {
            ...current,
            credentials: {
              ...current.credentials,
              items: [
                ...current.credentials.items.filter((entry) => entry.url !== url),
                ...(credential ? [{ url, value: credential }] : []),
              ],
            },
          }
        : current,
    );
  }

  async function addCredential(credential: AttributeCredential, words: string) {
    if (!pod?.wallet || !session || session === 'checking') return;
    const mine = (await subjectCommitment(pod.wallet.holderSecret)).toString();
    if (credential.credentialSubject.commitment !== mine) {
      throw new InvalidInputError('This credential was issued to someone else (another holder commitment).', {
        field: 'credential.credentialSubject.commitment',
        hint: 'Ask the issuer for a credential issued to this wallet.',
      });
    }
    const url = await saveCredential({ podUrl: pod.podUrl, credential, fetch: session.fetch });
    withCredential(url, credential);
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
      const credential = parseCredential(json);
      await addCredential(credential, `Imported a credential from ${credential.issuer.name}.`);
    } catch (error) {
      report(error);
    }
  }

  async function removeCredential(url: string) {
    if (!session || session === 'checking') return;
    try {
      await deleteCredential({ url, fetch: session.fetch });
      withCredential(url, null);
      setStatus('Credential deleted from your pod.');
    } catch (error) {
      report(error);
    }
  }

  async function rememberAnswer(key: string, effect: 'allow' | 'deny') {
    const item = requests.find((candidate) => candidate.key === key);
    if (!item) return;
    const policies = policyFromRequest({
      explained: item.explained,
      effect,
      id: `${effect}-${Date.now().toString(36)}`,
      now: new Date(),
    });
    if (!(await addPolicies(policies))) return;
    if (effect === 'allow') await approve(key);
    else await deny(key, { by: 'person', policyIds: policies.map((policy) => policy.id) });
  }

  // Once per visit, when there is something to approve: start the prover (keys from the cache,
  // never a download; the curve), so the first Approve does not wait for it.
  const warmed = useRef(false);
  useEffect(() => {
    if (warmed.current || !pod?.wallet || openCount === 0) return;
    warmed.current = true;
    warmProver();
  });

  // Standing policies answer open requests, one at a time, never one with a warning.
  const autoHandled = useRef(new Set<string>());
  useEffect(() => {
    if (!pod || busy) return;
    const policies = pod.policies.items.map((entry) => entry.value);
    if (policies.length === 0) return;
    for (const item of requests) {
      // A request the person (or a setting) said no to is never answered again, whatever the settings say now.
      if (item.receipt || item.denial || dismissed.has(item.key) || item.problem || phases[item.key]) continue;
      if (autoHandled.current.has(item.key)) continue;
      const decision = decideByPolicies(item.explained, policies);
      if (decision.decision === 'ask') continue;
      autoHandled.current.add(item.key);
      if (decision.decision === 'deny') void deny(item.key, { by: 'policy', decision });
      else if (pod.wallet) void approve(item.key, decision);
      return;
    }
  });

  async function createWallet(phrase: string) {
    if (!pod || !session || session === 'checking') return;
    setLoading(true);
    try {
      const keys = await walletKeysFromPhrase(phrase);
      const walletDocument = await createWalletInPod({
        podUrl: pod.podUrl,
        webId: session.webId,
        keys,
        fetch: session.fetch,
      });
      saveDeviceKeys(session.webId, keys);
      const wallet = { holderSecret: keys.holderSecret, recipient: keys.recipient };
      setPod((current) => (current ? { ...current, walletDocument, wallet } : current));
      setStatus('Your wallet is ready. Keep your 12 words safe.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }

  async function restoreWallet(phrase: string) {
    if (!pod?.walletDocument || !session || session === 'checking') return;
    try {
      const keys = await walletKeysFromPhrase(phrase);
      assertKeysMatch(keys, pod.walletDocument);
      saveDeviceKeys(session.webId, keys);
      const wallet = { holderSecret: keys.holderSecret, recipient: keys.recipient };
      setPod((current) => (current ? { ...current, wallet } : current));
      setStatus('Your wallet is unlocked on this device.');
      await refreshBalance(wallet);
    } catch (error) {
      report(error);
    }
  }

  async function logIn() {
    if (!config) return;
    const issuer = (solidServer || config.solidServer).trim();
    if (!URL.canParse(issuer)) {
      report({
        code: 'INVALID_INPUT',
        message: `"${issuer}" is not a web address.`,
        hint: 'Example: https://solidcommunity.net/',
      });
      return;
    }
    setStatus(`Taking you to ${issuer} to log in…`);
    try {
      await startLogin({ oidcIssuer: issuer });
    } catch (error) {
      report(error);
    }
  }

  async function logOut() {
    if (session && session !== 'checking') forgetDeviceKeys(session.webId);
    await endSession().catch(report);
    setSession(null);
    setPod(null);
    setBalance(null);
    setPhases({});
    setClaimStep(null);
    setDismissed(new Set());
    setStatus('You are logged out.');
  }

  return (
    <>
      <header>
        <h1>DeCDP wallet</h1>
        <p className="muted">
          Your attributes stay in your pod. Merchants get a proof of exactly what they ask, nothing more.
        </p>
      </header>
      <main>
        <StatusRegion message={status} />
        {errors.map((error, index) => (
          <ErrorNotice
            // biome-ignore lint/suspicious/noArrayIndexKey: errors are append-only and dismissed by position.
            key={index}
            error={error}
            onDismiss={() => setErrors((list) => list.filter((_, other) => other !== index))}
          />
        ))}
        {session === null ? (
          <section aria-labelledby="login-heading">
            <h2 id="login-heading">Log in</h2>
            <p>Log in to your Solid pod to see your credentials and the requests waiting for you.</p>
            <label>
              Your Solid server{' '}
              <input
                type="url"
                data-testid="solid-server"
                value={solidServer || config?.solidServer || ''}
                onChange={(event) => setSolidServer(event.currentTarget.value)}
              />
            </label>
            <button type="button" data-testid="login-button" onClick={logIn} disabled={!config}>
              Log in to your pod
            </button>
            {config?.demo ? (
              <p className="muted" data-testid="demo-login">
                Demo account on this machine: {config.demo.email} / {config.demo.password}
              </p>
            ) : null}
          </section>
        ) : null}
        {session && session !== 'checking' ? (
          <>
            <section aria-labelledby="account-heading">
              <h2 id="account-heading">Your account</h2>
              <dl className="facts">
                <dt>Logged in as</dt>
                <dd className="mono" data-testid="web-id">
                  {session.webId}
                </dd>
                <dt>Reward address</dt>
                <dd className="mono" data-testid="recipient">
                  {pod?.wallet?.recipient ?? pod?.walletDocument?.recipient ?? '…'}
                </dd>
                <dt>Reward balance</dt>
                <dd>
                  <output data-testid="reward-balance" aria-live="polite">
                    {balanceText}
                  </output>
                </dd>
              </dl>
              <button type="button" data-testid="refresh-button" onClick={() => void refresh()} disabled={loading}>
                Refresh
              </button>
              <button type="button" data-testid="logout-button" onClick={() => void logOut()}>
                Log out
              </button>
            </section>
            {pod && pod.walletDocument === null ? (
              <WalletCreate busy={loading} onCreate={(p) => void createWallet(p)} />
            ) : null}
            {pod?.walletDocument && !pod.wallet ? (
              <WalletRestore
                busy={loading}
                {...(config?.demo?.recoveryPhrase ? { demoPhrase: config.demo.recoveryPhrase } : {})}
                onRestore={(p) => void restoreWallet(p)}
              />
            ) : null}
            <nav aria-label="Wallet sections" className="sections" data-testid="section-nav">
              <a href="#requests">Requests{openCount ? ` (${openCount})` : ''}</a>
              <a href="#rewards">Rewards</a>
              <a href="#history">How my data is used</a>
              <a href="#credentials">Credentials</a>
              <a href="#settings">Settings</a>
            </nav>
            <section aria-labelledby="requests-heading" id="requests" data-testid="requests-panel">
              <h2 id="requests-heading">Requests for you</h2>
              {pod && shown.length === 0 ? <p className="muted">No requests waiting.</p> : null}
              <ul className="cards" data-testid="request-list">
                {shown.map((item) => (
                  <RequestCard
                    key={item.key}
                    item={item}
                    phase={phases[item.key]}
                    token={token}
                    now={now}
                    canApprove={Boolean(pod?.wallet) && !busy}
                    onApprove={() => void approve(item.key)}
                    onDeny={() => void deny(item.key)}
                    onAlwaysAllow={() => void rememberAnswer(item.key, 'allow')}
                    onNeverAllow={() => void rememberAnswer(item.key, 'deny')}
                    onCancel={() => cancel(item.key)}
                  />
                ))}
              </ul>
              {pod?.invalidRequests.map((doc, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the same source can send several bad requests.
                <p key={index} className="notice notice-error">
                  A request could not be read and is ignored ({doc.url}): {doc.message}
                </p>
              ))}
            </section>
            {pod && config ? (
              <RewardsPanel
                config={config}
                balance={balanceText}
                recipient={pod.wallet?.recipient ?? pod.walletDocument?.recipient ?? null}
                receipts={pod.receipts.items}
                claimable={pod.receipts.items
                  .filter((entry) => pod.wallet && requestOf(entry.value)?.request.reward)
                  .map((entry) => entry.value.id)}
                claiming={working}
                claimStep={claimStep}
                token={token}
                onClaim={(receiptId) => void claim(receiptId)}
              />
            ) : null}
            {pod ? (
              <CredentialList
                credentials={pod.credentials.items}
                invalid={pod.credentials.invalid}
                now={now}
                busy={loading || busy}
                onDelete={(url) => void removeCredential(url)}
                onDeclare={(attribute, value) => void declare(attribute, value)}
                onImport={(text) => void importCredential(text)}
              />
            ) : null}
            {pod && config ? (
              <HistoryPanel
                receipts={pod.receipts.items}
                denials={pod.denials.items}
                confirmations={pod.confirmations}
                attributesOf={attributesOf}
                optedOut={optedOut}
                working={working}
                token={token}
                onRevoke={(url) => void revoke(url)}
                onOptOut={(attribute) => void optOut(attribute)}
              />
            ) : null}
            {pod ? (
              <PolicyList
                policies={pod.policies.items}
                log={pod.automaticLog.items}
                busy={loading}
                onAdd={(policy) => void addPolicies([policy])}
                onRemove={(url) => void removePolicy(url)}
              />
            ) : null}
          </>
        ) : null}
      </main>
    </>
  );
}
