// Screen "Masks" (#/masks): the masks on the chain's mask registry as a merchant may see them (size
// against k, whether its members can be asked, the last closed period's profile only when k members
// stand behind it, else why not in words), the form that asks a mask's members, and the requests
// sent so far with their answers and payouts. Read again with every page refresh (the frame's
// "Refresh now" and its timer). Masks as offer contexts are on the Offers screen.
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { DataTable, Empty, Loading, Section } from '../../shared/ui/index.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { AskMaskForm } from './AskMaskForm.tsx';
import { MaskRequestsTable } from './MaskRequestsTable.tsx';
import { listMaskRequests, listMasks, type MaskPayout, type MaskRequestView, type MaskView } from './maskApi.ts';
import { canAskInWords, membersInWords, profileInWords } from './maskWords.ts';

export function MasksScreen() {
  const { config, operatorToken: token, updatedAt, money, campaigns } = useMerchant();
  const base = config?.merchantService;
  const [masks, setMasks] = useState<MaskView[] | null>(null);
  const [requests, setRequests] = useState<MaskRequestView[] | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const symbol = money?.symbol ?? campaigns[0]?.token.symbol ?? 'tokens';

  const load = useCallback(async () => {
    if (!base || !token) return;
    try {
      const [readMasks, readRequests] = await Promise.all([listMasks(base, token), listMaskRequests(base, token)]);
      setMasks(readMasks);
      setRequests(readRequests);
      setError(null);
    } catch (caught) {
      setError(errorInWords(caught));
    }
  }, [base, token]);

  // On opening, and each time the page's state is read again (timer or "Refresh now").
  // biome-ignore lint/correctness/useExhaustiveDependencies: updatedAt is the signal to read again.
  useEffect(() => {
    void load();
  }, [load, updatedAt]);

  if (!config) return <Loading>Loading…</Loading>;
  if (!base || !token) {
    return (
      <Section title="Masks" id="masks">
        <Empty>Log in with an operator token to read masks and ask their members.</Empty>
      </Section>
    );
  }

  const replace = (request: MaskRequestView) =>
    setRequests((before) => [request, ...(before ?? []).filter((other) => other.id !== request.id)]);
  const updated = (payout: MaskPayout) =>
    setRequests((before) => (before ?? []).map((other) => (other.id === payout.request.id ? payout.request : other)));

  return (
    <>
      <Section title="Masks" id="masks" testId="masks-screen">
        <p className="muted">
          A mask is a group people join from their wallet to be addressed by what they share, not by who they are. You
          see how many wear each one, and counts of what members said they are interested in only once at least k of
          them stand behind every count. Use a mask as an offer context on the Offers screen.
        </p>
        {error ? <ErrorNotice error={error} testId="masks-error" /> : null}
        {masks === null && !error ? <Loading testId="masks-loading">Reading the masks…</Loading> : null}
        {masks && masks.length === 0 ? (
          <Empty testId="masks-empty">No mask is registered on this chain yet.</Empty>
        ) : null}
        {masks && masks.length > 0 ? (
          <DataTable
            label="Masks you can address"
            testId="mask-list"
            columns={['Mask', 'What it is for', 'Members', 'Can you ask its members?', 'Profile (last closed period)']}
          >
            {masks.map((mask) => (
              <tr key={mask.maskId} data-testid="mask-row" data-mask-id={mask.maskId} data-can-ask={mask.canAsk}>
                <th scope="row">{mask.name}</th>
                <td>
                  {mask.description}
                  {mask.tags.length ? <span className="muted"> ({mask.tags.join(', ')})</span> : null}
                </td>
                <td data-testid="mask-members">{membersInWords(mask)}</td>
                <td data-testid="mask-can-ask">{canAskInWords(mask)}</td>
                <td data-testid="mask-profile">{profileInWords(mask)}</td>
              </tr>
            ))}
          </DataTable>
        ) : null}
      </Section>
      {masks && masks.length > 0 ? <AskMaskForm masks={masks} symbol={symbol} onSent={replace} /> : null}
      <Section title={`Requests sent to masks (${requests?.length ?? 0})`} testId="mask-requests-section">
        <p className="muted">
          Each answer is a proof that someone wearing the mask answered, made for your shop only: it tells you a member
          answered, never which member, and one person cannot answer twice.
        </p>
        {requests ? <MaskRequestsTable requests={requests} symbol={symbol} onPaid={updated} /> : null}
      </Section>
    </>
  );
}
