// The merchant demo page: ask for proofs, watch the verified light records arrive.
import type { SignedRequest } from '@decdp/sdk/protocol';
import { useCallback, useEffect, useState } from 'react';
import { type AppConfig, loadConfig } from '../shared/config.ts';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../shared/errors.ts';
import {
  getMerchantInfo,
  type LightRecord,
  listMerchantRequests,
  listRecords,
  type MerchantInfo,
} from '../shared/merchantService.ts';
import { StatusRegion } from '../shared/StatusRegion.tsx';
import { AggregatesPanel } from './AggregatesPanel.tsx';
import { aggregateRecords } from './aggregateRecords.ts';
import { CreateRequestForm } from './CreateRequestForm.tsx';
import { OpenRequests } from './OpenRequests.tsx';
import { RecordsTable } from './RecordsTable.tsx';

const AUTO_REFRESH_MS = 5_000;

export function MerchantApp() {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [info, setInfo] = useState<MerchantInfo | null>(null);
  const [requests, setRequests] = useState<SignedRequest[]>([]);
  const [records, setRecords] = useState<LightRecord[]>([]);
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

  const refresh = useCallback(
    async (announce: boolean) => {
      if (!config) return;
      try {
        const [open, recorded] = await Promise.all([
          listMerchantRequests(config.merchantService),
          listRecords(config.merchantService),
        ]);
        setRequests(open);
        setRecords(recorded);
        setUpdatedAt(Math.floor(Date.now() / 1000));
        setError(null);
        if (announce) setStatus(`${open.length} open request(s), ${recorded.length} record(s).`);
      } catch (caught) {
        setError(errorInWords(caught));
      }
    },
    [config],
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

  return (
    <>
      <header>
        <h1>DeCDP merchant{info ? `: ${info.merchant.name}` : ''}</h1>
        <p className="muted">
          Ask customers to prove what you need. You receive a proof and a pseudonym, never their data.
        </p>
      </header>
      <main>
        <StatusRegion message={status} />
        {error ? <ErrorNotice error={error} /> : null}
        {config ? (
          <CreateRequestForm
            merchantService={config.merchantService}
            campaign={info?.campaign ? { amount: info.campaign.amount ?? null } : null}
            onCreated={(signed) => {
              setRequests((list) => [signed, ...list.filter((other) => other.request.id !== signed.request.id)]);
              void refresh(false);
            }}
            onStatus={setStatus}
          />
        ) : null}
        <section aria-label="Refresh">
          <button type="button" data-testid="merchant-refresh" onClick={() => void refresh(true)} disabled={!config}>
            Refresh now
          </button>
          <input
            id="auto-refresh"
            type="checkbox"
            data-testid="merchant-auto-refresh"
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.target.checked)}
          />{' '}
          <label htmlFor="auto-refresh">Refresh every {AUTO_REFRESH_MS / 1000} seconds</label>
          {updatedAt ? (
            <span className="muted"> (last update {new Date(updatedAt * 1000).toLocaleTimeString()})</span>
          ) : null}
        </section>
        <AggregatesPanel aggregates={aggregateRecords(records, Math.floor(Date.now() / 1000))} />
        <RecordsTable records={records} />
        <OpenRequests requests={requests} now={updatedAt ?? Math.floor(Date.now() / 1000)} />
      </main>
    </>
  );
}
