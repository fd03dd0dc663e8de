// The shops the person connected ("connect this shop"): each has its own unguessable inbox in the
// pod that only it may append to. Connect opens one and hands it to the shop (SDK connectMerchant);
// close deletes it, so the shop's next delivery gets 404. The page's delivery watch is told, so a
// connected shop's requests show without a reload (deliveredRequests.ts).
import { PodError } from '@decdp/sdk/errors';
import { closeMerchantInbox, listMerchantInboxes, type MerchantInbox } from '@decdp/sdk/pod';
import { connectMerchant } from '@decdp/sdk/wallet';
import { useCallback, useEffect, useState } from 'react';
import { INBOXES_CHANGED_EVENT } from '../deliveredRequests.ts';
import { useWallet } from '../state/WalletState.tsx';

export type ConnectedShops = {
  /** null while loading. */
  shops: MerchantInbox[] | null;
  /** The shop URL being connected or the inbox id being closed. */
  busy: string | null;
  /** `merchantAddress`: the signer the shop must have (connecting from an answer to its request). */
  connect: (merchantUrl: string, merchantAddress?: string) => Promise<MerchantInbox | null>;
  /** The connected shop that signs as `address` at `origin`, if any (null while loading). */
  connectedAs: (address: string, origin: string) => MerchantInbox | null | undefined;
  close: (inbox: MerchantInbox) => Promise<void>;
};

export function useConnectedShops(): ConnectedShops {
  const { pod, session, report, setStatus } = useWallet();
  const [shops, setShops] = useState<MerchantInbox[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const podUrl = pod?.podUrl;

  const load = useCallback(async () => {
    if (!podUrl) return;
    try {
      setShops(await listMerchantInboxes({ podUrl, fetch: session.fetch }));
    } catch (error) {
      // A pod made before merchant inboxes existed has no /decdp/inboxes/ yet: nothing connected.
      if (!(error instanceof PodError && error.status === 404)) report(error);
      setShops([]);
    }
  }, [podUrl, session.fetch, report]);
  useEffect(() => {
    void load();
  }, [load]);

  async function connect(merchantUrl: string, merchantAddress?: string): Promise<MerchantInbox | null> {
    if (!podUrl) return null;
    setBusy(merchantUrl);
    try {
      const inbox = await connectMerchant({
        merchantUrl,
        podUrl,
        webId: session.webId,
        fetch: session.fetch,
        ...(merchantAddress ? { merchantAddress } : {}),
      });
      setShops((current) => [...(current ?? []), inbox]);
      window.dispatchEvent(new Event(INBOXES_CHANGED_EVENT));
      setStatus(`Connected ${inbox.merchant.name}: it can now send requests to its own address in your pod.`);
      return inbox;
    } catch (error) {
      report(error);
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function close(inbox: MerchantInbox) {
    if (!podUrl) return;
    setBusy(inbox.id);
    try {
      await closeMerchantInbox({ podUrl, inbox, fetch: session.fetch });
      setShops((current) => (current ?? []).filter((shop) => shop.id !== inbox.id));
      window.dispatchEvent(new Event(INBOXES_CHANGED_EVENT));
      setStatus(`Closed ${inbox.merchant.name}'s address in your pod: it cannot send you requests there any more.`);
    } catch (error) {
      report(error);
    } finally {
      setBusy(null);
    }
  }

  const connectedAs = (address: string, origin: string) =>
    shops === null ? null : shops.find((shop) => shop.merchant.address === address && shop.merchant.origin === origin);

  return { shops, busy, connect, close, connectedAs };
}
