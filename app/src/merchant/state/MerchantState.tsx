// What the merchant page's screens read: configuration, open requests, light records, the
// campaign's money, refreshed every few seconds while the page is visible. `useMerchant()` from
// any screen.
import type { SignedRequest } from '@decdp/sdk/protocol';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { type AppConfig, loadConfig } from '../../shared/config.ts';
import { type ErrorInWords, errorInWords, RemoteError } from '../../shared/errors.ts';
import { plural } from '../../shared/format.ts';
import {
  getMerchantInfo,
  type LightRecord,
  listMerchantRequests,
  listRecords,
  type MerchantInfo,
} from '../../shared/merchantService.ts';
import { type CampaignView, listCampaigns, readRevocationCount } from '../campaigns/campaignCalls.ts';
import { type CampaignMoney, readCampaignMoney } from '../campaigns/readCampaignMoney.ts';

export const AUTO_REFRESH_MS = 5_000;
/** Per merchant page: npm start serves several merchants (merchant.html?merchant=<id>) from one origin. */
const TOKEN_KEY = `decdp.operatorToken.${new URLSearchParams(window.location.search).get('merchant') ?? 'default'}`;

export type Merchant = {
  config: AppConfig | null;
  info: MerchantInfo | null;
  requests: SignedRequest[];
  records: LightRecord[];
  /** Null when the merchant has no campaign or the chain could not be read. */
  money: CampaignMoney | null;
  /** Confirmed revocations that deleted a record, from the service's store (durable). */
  revocations: number;
  /** The merchant's campaigns (GET /campaigns); empty when the service manages none. */
  campaigns: CampaignView[];
  error: ErrorInWords | null;
  status: string;
  setStatus: (message: string) => void;
  autoRefresh: boolean;
  setAutoRefresh: (on: boolean) => void;
  updatedAt: number | null;
  refresh: (announce: boolean) => Promise<void>;
  addRequest: (signed: SignedRequest) => void;
  /** The operator's API token (admin routes); null until the operator logs in. */
  operatorToken: string | null;
  /** The last token was refused (wrong, expired or revoked): the login form says so. */
  tokenRefused: boolean;
  logIn: (token: string) => void;
  /** Where request links open the wallet (the wallet page next to this one). */
  walletUrl: string;
};

const MerchantContext = createContext<Merchant | null>(null);

export function MerchantProvider(props: { children: ReactNode }) {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [info, setInfo] = useState<MerchantInfo | null>(null);
  const [requests, setRequests] = useState<SignedRequest[]>([]);
  const [records, setRecords] = useState<LightRecord[]>([]);
  const [money, setMoney] = useState<CampaignMoney | null>(null);
  const [revocations, setRevocations] = useState(0);
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const [status, setStatus] = useState('Loading…');
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [operatorToken, setOperatorToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const [tokenRefused, setTokenRefused] = useState(false);
  const logIn = (token: string) => {
    sessionStorage.setItem(TOKEN_KEY, token);
    setTokenRefused(false);
    setOperatorToken(token);
  };

  useEffect(() => {
    loadConfig()
      .then(async (loaded) => {
        // merchant.html?merchant=<id> is one of the demo's merchants (npm start runs several).
        const chosen = new URLSearchParams(window.location.search).get('merchant');
        const demoMerchant = loaded.demo?.merchants?.find((merchant) => merchant.id === chosen);
        const shown = demoMerchant ? { ...loaded, merchantService: demoMerchant.service } : loaded;
        setConfig(shown);
        // The local demo hands its page the operator token (npm start only).
        const demoToken = demoMerchant?.operatorToken ?? loaded.demo?.operatorToken;
        if (demoToken && !sessionStorage.getItem(TOKEN_KEY)) {
          sessionStorage.setItem(TOKEN_KEY, demoToken);
          setOperatorToken(demoToken);
        }
        setInfo(await getMerchantInfo(shown.merchantService));
      })
      .catch((caught: unknown) => {
        setError(errorInWords(caught));
        setStatus('');
      });
  }, []);

  const campaignId = info?.campaign?.campaignId ?? null;
  const refresh = useCallback(
    async (announce: boolean) => {
      if (!config || !operatorToken) return;
      try {
        const [open, recorded, revoked, campaign, kept] = await Promise.all([
          listMerchantRequests(config.merchantService, undefined, operatorToken),
          listRecords(config.merchantService, operatorToken),
          readRevocationCount(config.merchantService, operatorToken),
          campaignId ? readCampaignMoney(config, campaignId).catch(() => null) : null,
          listCampaigns(config.merchantService, operatorToken).catch(() => [] as CampaignView[]),
        ]);
        setRequests(open);
        setRecords(recorded);
        setRevocations(revoked);
        setCampaigns(kept);
        setMoney(campaign);
        setUpdatedAt(Math.floor(Date.now() / 1000));
        setError(null);
        if (announce) setStatus(`${plural(open.length, 'open request')}, ${plural(recorded.length, 'record')}.`);
      } catch (caught) {
        if (caught instanceof RemoteError && (caught.status === 401 || caught.status === 403)) {
          sessionStorage.removeItem(TOKEN_KEY);
          setOperatorToken(null);
          setTokenRefused(true);
          return;
        }
        setError(errorInWords(caught));
      }
    },
    [config, campaignId, operatorToken],
  );

  useEffect(() => {
    if (!config || !operatorToken) return;
    void refresh(true);
    if (!autoRefresh) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(false);
    }, AUTO_REFRESH_MS);
    return () => clearInterval(timer);
  }, [config, operatorToken, autoRefresh, refresh]);

  const merchant: Merchant = {
    config,
    info,
    requests,
    records,
    money,
    revocations,
    campaigns,
    error,
    status,
    setStatus,
    autoRefresh,
    setAutoRefresh,
    updatedAt,
    refresh,
    operatorToken,
    tokenRefused,
    logIn,
    walletUrl: new URL('./', window.location.href).href,
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
