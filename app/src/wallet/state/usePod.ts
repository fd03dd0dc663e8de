// Everything the wallet reads for the logged-in person: the pod's documents, the merchant
// service's open requests and the reward balance. Each part fails on its own.
import { deleteDocument, findPodUrl } from '@decdp/sdk/pod';
import type { SignedRequest } from '@decdp/sdk/protocol';
import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import type { AppConfig } from '../../shared/config.ts';
import { errorInWords } from '../../shared/errors.ts';
import { plural } from '../../shared/format.ts';
import { listMerchantRequests } from '../../shared/merchantService.ts';
import { finishInterruptedAnswers } from '../approveRequest.ts';
import {
  mergeRequests,
  REQUEST_LINK_EVENT,
  readDeliveredRequests,
  readLinkedRequest,
  watchDeliveries,
} from '../deliveredRequests.ts';
import {
  type InvalidDocument,
  readAutomaticAnswers,
  readConfirmations,
  readCredentials,
  readDenials,
  readInboxRequests,
  readPolicies,
  readReceipts,
  readWalletDocument,
  saveReceipt,
} from '../pod.ts';
import { flushReceipts } from '../receiptOutbox.ts';
import { type RewardBalances, readRewardBalances } from '../rewards/rewardAccounts.ts';
import type { SessionState } from '../session.ts';
import { passphraseSource, resumeWallet } from '../unlockWallet.ts';
import { EMPTY, nowSeconds, type PodList, type PodState, withDocuments } from './podState.ts';
import type { StatusState } from './useStatus.ts';

export type TokenInfo = { symbol: string; decimals: number };

export type PodAccess = {
  config: AppConfig;
  session: SessionState;
  pod: PodState | null;
  setPod: Dispatch<SetStateAction<PodState | null>>;
  /** Reading the pod right now. */
  loading: boolean;
  setLoading: (loading: boolean) => void;
  /** Seconds; moves on with each refresh (request expiry is judged against it). */
  now: number;
  refresh: () => Promise<void>;
  /** Reads the balance of every reward address of the wallet (one per merchant, rewards/rewardAccounts.ts). */
  refreshBalance: (wallet: { recipient: string; holderSecret?: bigint } | null) => Promise<void>;
  /** The sum over all reward addresses. */
  balanceText: string;
  /** Per address (each merchant's, and the wallet's first); null until read. */
  rewardBalances: RewardBalances | null;
  token: TokenInfo;
  /** Deletes one document of a list (a credential, a setting), takes it off the page, says `done`. */
  removeDocument: (list: PodList, url: string, done: string) => Promise<void>;
} & Pick<StatusState, 'report' | 'setStatus'>;

export function usePod(
  params: { config: AppConfig; session: SessionState } & Pick<StatusState, 'report' | 'setStatus'>,
): PodAccess {
  const { config, session, report, setStatus } = params;
  const [pod, setPod] = useState<PodState | null>(null);
  const [balance, setBalance] = useState<RewardBalances | 'unavailable' | null>(null);
  // refreshBalance runs right after a setPod too, before the render: the pod as last known.
  const podRef = useRef<{ podUrl: string; receipts: PodState['receipts'] } | null>(null);
  if (pod) podRef.current = pod;
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(nowSeconds);

  const refreshBalance = useCallback(
    async (wallet: { recipient: string; holderSecret?: bigint } | null) => {
      const place = podRef.current;
      if (!wallet || !place) return;
      try {
        setBalance(
          await readRewardBalances({
            config,
            podUrl: place.podUrl,
            fetch: session.fetch,
            wallet,
            receipts: place.receipts.items.map((item) => item.value),
          }),
        );
      } catch (error) {
        setBalance('unavailable');
        report(error);
      }
    },
    [config, session, report],
  );

  const refresh = useCallback(async () => {
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
      if (outbox.saved.length) setStatus(`Saved ${plural(outbox.saved.length, 'waiting receipt')} in your pod.`);
      // Answers that were on their way when the page was last closed: finished before the pod is read.
      const finished = await finishInterruptedAnswers({
        config,
        podUrl,
        webId: session.webId,
        fetch: session.fetch,
      }).catch((error: unknown) => {
        report(error);
        return [];
      });
      if (finished.length)
        setStatus(`Finished your answer to ${finished.join(', ')} that was being sent when the page closed.`);
      const invalidRequests: InvalidDocument[] = [];
      // Each part fails on its own: a missing inbox must not hide the credentials.
      const orElse =
        <T>(fallback: T) =>
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
        Promise.all([
          // The demo merchant's public offers (its list is an opt-in), the pod inbox, an opened link.
          listMerchantRequests(config.merchantService, (error) =>
            invalidRequests.push({ url: config.merchantService, message: errorInWords(error).message }),
          ).catch(orElse<SignedRequest[]>([])),
          readDeliveredRequests({ podUrl, webId: session.webId, fetch: session.fetch }).catch(
            orElse<SignedRequest[]>([]),
          ),
          readLinkedRequest(sessionStorage).catch(orElse<SignedRequest[]>([])),
        ]).then((lists) => mergeRequests(...lists)),
        readPolicies(params).catch(orElse(EMPTY)),
        readAutomaticAnswers(params).catch(orElse(EMPTY)),
        readDenials(params).catch(orElse(EMPTY)),
        readConfirmations(params).catch(orElse(EMPTY)),
      ]);
      invalidRequests.push(...inbox.invalid);
      const wallet = walletDocument ? await resumeWallet({ webId: session.webId, document: walletDocument }) : null;
      const passphraseFrom =
        walletDocument && !wallet
          ? await passphraseSource({ webId: session.webId, podUrl, fetch: session.fetch })
          : null;
      const state: PodState = {
        walletDocument,
        podUrl,
        wallet,
        passphraseFrom,
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
      };
      podRef.current = state;
      setPod(state);
      await refreshBalance(wallet ?? walletDocument ?? null);
      setStatus(
        `Found ${plural(credentials.items.length, 'credential')} and ${plural(inbox.items.length + merchantRequests.length, 'request')}.`,
      );
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setLoading(false);
    }
  }, [config, session, pod?.podUrl, report, setStatus, refreshBalance]);

  // Load once per login, not on every change of `refresh`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above.
  useEffect(() => {
    void refresh();
  }, [session, config]);

  // A merchant's delivery (or a link opened while the page runs) shows without a reload. Only the
  // requests are read again and merged in: a full refresh here could overwrite what the person is
  // changing meanwhile (a setting saved between its read and its setPod).
  const podUrl = pod?.podUrl;
  useEffect(() => {
    if (!podUrl) return;
    const merge = (requests: SignedRequest[]) => {
      setPod((current) =>
        current ? { ...current, merchantRequests: mergeRequests(current.merchantRequests, requests) } : current,
      );
      setNow(nowSeconds());
    };
    const stop = watchDeliveries({ podUrl, fetch: session.fetch, onDelivery: merge, onError: report });
    const onLink = () => void readLinkedRequest(sessionStorage).then(merge, report);
    window.addEventListener(REQUEST_LINK_EVENT, onLink);
    return () => {
      stop();
      window.removeEventListener(REQUEST_LINK_EVENT, onLink);
    };
  }, [podUrl, session, report]);

  const known = balance && balance !== 'unavailable' ? balance.total : null;
  const balanceText = known ? `${known.formatted} ${known.symbol}` : balance === 'unavailable' ? 'unavailable' : '…';
  const token = { symbol: known?.symbol ?? 'tokens', decimals: known?.decimals ?? 18 };
  async function removeDocument(list: PodList, url: string, done: string) {
    try {
      await deleteDocument({ url, fetch: session.fetch });
      setPod((current) => (current ? withDocuments(current, list, [], [url]) : current));
      setStatus(done);
    } catch (error) {
      report(error);
    }
  }
  return {
    config,
    session,
    pod,
    setPod,
    loading,
    setLoading,
    now,
    refresh,
    refreshBalance,
    balanceText,
    rewardBalances: balance && balance !== 'unavailable' ? balance : null,
    token,
    removeDocument,
    report,
    setStatus,
  };
}
