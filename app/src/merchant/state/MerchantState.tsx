// What the merchant page's screens read: configuration, open requests, light records, the
// campaign's money, refreshed every few seconds while the page is visible. `useMerchant()` from
// any screen.
import type { SignedRequest } from '@decdp/sdk/protocol';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { type AppConfig, loadConfig } from '../../shared/config.ts';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { plural } from '../../shared/format.ts';
import {
  getMerchantInfo,
  type LightRecord,
  listMerchantRequests,
  listRecords,
  type MerchantInfo,
} from '../../shared/merchantService.ts';
import { type CampaignMoney, readCampaignMoney, readRevocationCount } from '../campaigns/readCampaignMoney.ts';

export const AUTO_REFRESH_MS = 5_000;

export type Merchant = {
  config: AppConfig | null;
  info: MerchantInfo | null;
  requests: SignedRequest[];
  records: LightRecord[];
  /** Null when the merchant has no campaign or the chain could not be read. */
  money: CampaignMoney | null;
  /** Confirmed revocations since the service started. */
  revocations: number;
  error: ErrorInWords | null;
  status: string;
  setStatus: (message: string) => void;
  autoRefresh: boolean;
  setAutoRefresh: (on: boolean) => void;
  updatedAt: number | null;
  refresh: (announce: boolean) => Promise<void>;
  addRequest: (signed: SignedRequest) => void;
};

const MerchantContext = createContext<Merchant | null>(null);

export function MerchantProvider(props: { children: ReactNode }) {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [info, setInfo] = useState<MerchantInfo | null>(null);
  const [requests, setRequests] = useState<SignedRequest[]>([]);
  const [records, setRecords] = useState<LightRecord[]>([]);
  const [money, setMoney] = useState<CampaignMoney | null>(null);
  const [revocations, setRevocations] = useState(0);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const [status, setStatus] = useState('Loading…');
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);

  useEffect(() => {
    loadConfig()
      .then(async (loaded) => {
        setConfig(loaded);
        setInfo(await getMerchantInfo(loaded.merchantService));
      })
      .catch((caught: unknown) => {
        setError(errorInWords(caught));
        setStatus('');
      });
  }, []);

  const campaignId = info?.campaign?.campaignId ?? null;
  const refresh = useCallback(
    async (announce: boolean) => {
      if (!config) return;
      try {
        const [open, recorded, revoked, campaign] = await Promise.all([
          listMerchantRequests(config.merchantService),
          listRecords(config.merchantService),
          readRevocationCount(config.merchantService).catch(() => 0),
          campaignId ? readCampaignMoney(config, campaignId).catch(() => null) : null,
        ]);
        setRequests(open);
        setRecords(recorded);
        setRevocations(revoked);
        setMoney(campaign);
        setUpdatedAt(Math.floor(Date.now() / 1000));
        setError(null);
        if (announce) setStatus(`${plural(open.length, 'open request')}, ${plural(recorded.length, 'record')}.`);
      } catch (caught) {
        setError(errorInWords(caught));
      }
    },
    [config, campaignId],
  );

  useEffect(() => {
    if (!config) return;
    void refresh(true);
    if (!autoRefresh) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(false);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [config, autoRefresh, refresh]);

  const merchant: Merchant = {
    config,
    info,
    requests,
    records,
    money,
    revocations,
    error,
    status,
    setStatus,
    autoRefresh,
    setAutoRefresh,
    updatedAt,
    refresh,
    addRequest: (signed) => {
      setRequests((list) => [signed, ...list.filter((other) => other.request.id !== signed.request.id)]);
      void refresh(false);
    },
  };
  return <MerchantContext.Provider value={merchant}>{props.children}</MerchantContext.Provider>;
}

export function useMerchant(): Merchant {
  const merchant = useContext(MerchantContext);
  if (!merchant) throw new Error('useMerchant() outside MerchantProvider.');
  return merchant;
}
