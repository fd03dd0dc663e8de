// Answering requests: Approve (prove on this device, send, save the receipt, wait for the reward),
// Deny, Cancel a proof, "Always/Never allow this", and the standing settings answering for the
// person. Also which requests the Requests screen shows.
import type { SignedRequest } from '@decdp/sdk/protocol';
import { answerRecipient, decideByPolicies, type PolicyDecision, policyFromRequest } from '@decdp/sdk/wallet';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { errorInWords } from '../../shared/errors.ts';
import { type RequestPhase, stepInWords } from '../approvalPhase.ts';
import { approveRequest } from '../approveRequest.ts';
import { buildDenialReceipt } from '../denialReceipt.ts';
import { type AutomaticAnswer, logAutomaticAnswer, saveDenial } from '../pod.ts';
import {
  dropPreparedProof,
  onPreparedChange,
  PREPARED_LIMIT,
  preparedRequestIds,
  prepareProof,
} from '../preparedProofs.ts';
import { isCancelled, warmProver } from '../proveInWorker.ts';
import type { RequestCheck } from '../requests/checkRequest.ts';
import { mergeRequests, type WalletRequest } from '../walletRequests.ts';
import { withDocuments } from './podState.ts';
import type { PodAccess } from './usePod.ts';
import type { PolicyActions } from './usePolicies.ts';
import { useRequestChecks } from './useRequestChecks.ts';

export type AnswerActions = {
  /** Every request known, merged and matched with receipts and denials. */
  requests: WalletRequest[];
  /** "Requests for you": open ones and the ones answered in this visit; the rest is history. */
  shown: WalletRequest[];
  openCount: number;
  /** Per open request: can the credentials answer it, can its reward be paid (useRequestChecks). */
  checks: Record<string, RequestCheck>;
  phases: Record<string, RequestPhase>;
  /** Request ids whose proof is ready on this device, made while the person reads (nothing sent). */
  prepared: ReadonlySet<string>;
  /** An answer, claim or revocation is under way: one at a time. */
  busy: boolean;
  /** True once the merchant recorded the answer. */
  approve: (key: string, automatic?: PolicyDecision) => Promise<boolean>;
  deny: (key: string) => Promise<void>;
  cancel: (key: string) => void;
  rememberAnswer: (key: string, effect: 'allow' | 'deny') => Promise<void>;
};

type DenialCause = { by: 'person' | 'policy'; decision?: PolicyDecision; policyIds?: string[] };

export function useAnswers(access: PodAccess, policies: PolicyActions, working: string | null): AnswerActions {
  const { config, session, pod, setPod, now, report, setStatus, refreshBalance } = access;
  const [phases, setPhases] = useState<Record<string, RequestPhase>>({});
  // Denied in this visit even when the pod could not take the denial receipt.
  const [dismissed, setDismissed] = useState<Set<string>>(() => new Set());
  const aborts = useRef(new Map<string, AbortController>());

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
  const shown = requests.filter(
    (item) => phases[item.key] || (!item.receipt && !item.denial && !dismissed.has(item.key)),
  );
  const openCount = shown.filter((item) => !item.receipt && !item.problem && !phases[item.key]).length;
  const checks = useRequestChecks(
    access,
    shown.filter((item) => !item.receipt && !item.problem),
  );
  /** Known to be answerable: credentials satisfy it and its reward was not had already. */
  const answerable = (key: string) => {
    const check = checks[key];
    return check !== undefined && check.unsatisfied === null && check.reward?.state !== 'claimed';
  };
  const busy = working !== null || Object.values(phases).some((phase) => phase.state === 'working');

  /** Records what a standing policy did, in the pod; a failure to log is shown, the answer stands. */
  async function logAutomatic(item: { signed: SignedRequest }, decision: PolicyDecision) {
    if (!pod || decision.decision === 'ask') return;
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

  async function approve(key: string, automatic?: PolicyDecision): Promise<boolean> {
    const item = requests.find((candidate) => candidate.key === key);
    if (!pod || !item || !answerable(key)) return false;
    if (!pod.wallet) {
      report({ code: 'WALLET_LOCKED', message: 'Unlock your wallet with your recovery phrase first.' });
      return false;
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
          // The merchant answered (it relays the reward claim until mined): the balance can show
          // the reward now, while the receipt is being saved.
          if (step.step === 'saving-receipt' && pod.wallet) void refreshBalance(pod.wallet);
          // Announce step changes, not every download tick.
          if (step.step !== 'proving' || !step.progress || step.progress.stage === 'proving') {
            setStatus(stepInWords(step, merchantName));
          }
        },
      });
      setPhase({ state: 'done', result });
      if (automatic) await logAutomatic(item, automatic);
      console.info(
        `[decdp] proof for ${item.signed.request.id}: ${result.timings.proofs} proof(s) in ${Math.round(result.timings.provingMs)} ms (artifacts ${Math.round(result.timings.artifactsMs)} ms)${result.prepared ? ', prepared before Approve' : ''}`,
      );
      const receiptUrl = result.receiptUrl ?? `pending:${result.receipt.id}`;
      setPod((current) =>
        current ? withDocuments(current, 'receipts', [{ url: receiptUrl, value: result.receipt }]) : current,
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
      return true;
    } catch (error) {
      if (isCancelled(error)) {
        // Back to pending: nothing left the device, the person can answer later.
        setPhases(({ [key]: _removed, ...rest }) => rest);
        setStatus(`Proof cancelled. Nothing was sent to ${merchantName}; the request is still waiting for you.`);
        return false;
      }
      const words = errorInWords(error);
      setPhase({ state: 'failed', error: words });
      setStatus(`The answer to ${merchantName} failed: ${words.message}`);
      return false;
    } finally {
      aborts.current.delete(key);
    }
  }

  function cancel(key: string) {
    aborts.current.get(key)?.abort();
  }

  /** "No": nothing is sent; the denial is recorded in the pod so no setting ever answers this request later. */
  async function deny(key: string, decided?: DenialCause) {
    const item = requests.find((candidate) => candidate.key === key);
    if (item) dropPreparedProof(item.signed.request.id);
    setDismissed((set) => new Set(set).add(key));
    setPhases(({ [key]: _removed, ...rest }) => rest);
    const automatic = decided?.decision;
    setStatus(automatic ? `${automatic.reason} Nothing was sent.` : 'You said no. Nothing was sent.');
    if (!item || !pod) return;
    if (automatic) void logAutomatic(item, automatic);
    try {
      const denial = buildDenialReceipt({
        explained: item.explained,
        deniedBy: decided?.by ?? 'person',
        policyIds: decided?.policyIds ?? automatic?.policyIds ?? [],
        now: new Date(),
      });
      const url = await saveDenial({ podUrl: pod.podUrl, denial, fetch: session.fetch });
      setPod((current) => (current ? withDocuments(current, 'denials', [{ url, value: denial }]) : current));
    } catch (error) {
      report(error);
    }
  }

  async function rememberAnswer(key: string, effect: 'allow' | 'deny') {
    const item = requests.find((candidate) => candidate.key === key);
    if (!item) return;
    const made = policyFromRequest({
      explained: item.explained,
      effect,
      id: `${effect}-${Date.now().toString(36)}`,
      now: new Date(),
    });
    if (!(await policies.addPolicies(made))) return;
    if (effect === 'allow') await approve(key);
    else await deny(key, { by: 'person', policyIds: made.map((policy) => policy.id) });
  }

  // Once per visit, when there is something to approve: start the prover (keys from the cache,
  // never a download; the curve), so the first Approve does not wait for it.
  const warmed = useRef(false);
  useEffect(() => {
    if (warmed.current || !pod?.wallet || openCount === 0) return;
    warmed.current = true;
    warmProver();
  });

  // While the person reads: the proofs of the first open requests the wallet can answer are made
  // in the prover worker and kept in memory (preparedProofs.ts); Approve then only sends. Nothing
  // leaves the device before Approve. Once per request and visit (a cancelled proof is not redone).
  const prepared = useSyncExternalStore(onPreparedChange, preparedRequestIds);
  useEffect(() => {
    const wallet = pod?.wallet;
    if (!wallet) return;
    const credentials = pod.credentials.items.map((entry) => entry.value);
    const open = shown.filter((item) => !item.receipt && !item.problem && !phases[item.key] && answerable(item.key));
    for (const item of open.slice(0, PREPARED_LIMIT)) {
      prepareProof({
        signedRequest: item.signed,
        credentials,
        holderSecret: wallet.holderSecret,
        // The address Approve binds (approveRequest's recipientForAnswer), derived here without
        // writing anything: the pod's list of reward addresses is updated at Approve.
        recipient: answerRecipient({ request: item.signed.request, holderSecret: wallet.holderSecret }),
      });
    }
  });

  // Standing policies answer open requests, one at a time, never one with a warning.
  const autoHandled = useRef(new Set<string>());
  useEffect(() => {
    if (!pod || busy) return;
    const standing = pod.policies.items.map((entry) => entry.value);
    if (standing.length === 0) return;
    for (const item of requests) {
      // A request the person (or a setting) said no to is never answered again, whatever the settings say now.
      if (item.receipt || item.denial || dismissed.has(item.key) || item.problem || phases[item.key]) continue;
      if (autoHandled.current.has(item.key)) continue;
      // Wait for the check; a request the wallet cannot answer is left to the person.
      if (!checks[item.key]) continue;
      const decision = decideByPolicies(item.explained, standing);
      if (decision.decision === 'ask') continue;
      autoHandled.current.add(item.key);
      if (decision.decision === 'deny') void deny(item.key, { by: 'policy', decision });
      else if (pod.wallet && answerable(item.key)) void approve(item.key, decision);
      else continue;
      return;
    }
  });

  return {
    requests,
    shown,
    openCount,
    checks,
    phases,
    prepared,
    busy,
    approve,
    deny: (key) => deny(key),
    cancel,
    rememberAnswer,
  };
}
