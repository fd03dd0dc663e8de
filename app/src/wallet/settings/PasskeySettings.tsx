// Passkey unlock (docs/wallet.md § Keys): where the browser offers the WebAuthn PRF extension, a
// passkey on this device opens the wallet instead of the passphrase. Settings sets it up or forgets
// it; the unlock screen offers it when this device has one (unlockWallet.ts does the work).
import { useCallback, useEffect, useState } from 'react';
import { useWallet } from '../state/WalletState.tsx';
import { enrollPasskey, forgetPasskey, hasPasskeyUnlock, passkeyMayWork, unlockWithPasskey } from '../unlockWallet.ts';

/** Settings → "Passkey": set up or forget the passkey unlock on this device. */
export function PasskeySettings() {
  const { pod, session, report, setStatus } = useWallet();
  const [state, setState] = useState<'loading' | 'unsupported' | 'none' | 'set'>('loading');
  const [busy, setBusy] = useState(false);
  const webId = session.webId;
  const load = useCallback(async () => {
    if (await hasPasskeyUnlock(webId)) setState('set');
    else setState((await passkeyMayWork()) ? 'none' : 'unsupported');
  }, [webId]);
  useEffect(() => {
    void load().catch(report);
  }, [load, report]);
  if (!pod?.walletDocument || state === 'loading') return null;
  const { walletDocument, wallet } = pod;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="passkey-heading" data-testid="passkey-settings" data-state={state}>
      <h2 id="passkey-heading">Passkey</h2>
      {state === 'unsupported' ? (
        <p className="muted">
          This browser does not offer passkeys that can seal a secret (the WebAuthn PRF extension). Your passphrase
          unlocks the wallet.
        </p>
      ) : state === 'set' ? (
        <>
          <p>A passkey unlocks this wallet on this device. Your passphrase and your recovery phrase still work.</p>
          <button
            type="button"
            data-testid="passkey-forget-button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await forgetPasskey(webId);
                setState('none');
                setStatus('The passkey no longer unlocks this wallet on this device.');
              })
            }
          >
            Stop unlocking with the passkey
          </button>
        </>
      ) : (
        <>
          <p>
            Unlock with your fingerprint, face or device PIN instead of typing the passphrase: a passkey on this device
            seals your secret. Nothing leaves the device.
          </p>
          <button
            type="button"
            data-testid="passkey-enroll-button"
            disabled={busy || !wallet}
            onClick={() =>
              void run(async () => {
                if (!wallet) return;
                await enrollPasskey({ webId, wallet, document: walletDocument });
                setState('set');
                setStatus('A passkey now unlocks this wallet on this device.');
              })
            }
          >
            Unlock with a passkey on this device
          </button>
          {!wallet ? <p className="muted">Unlock your wallet first.</p> : null}
        </>
      )}
    </section>
  );
}

/** On the unlock screen: "Unlock with passkey", when this device has one for this wallet. */
export function PasskeyUnlock() {
  const { pod, setPod, session, report, setStatus, refreshBalance, loading, setLoading } = useWallet();
  const [available, setAvailable] = useState(false);
  const webId = session.webId;
  useEffect(() => {
    void hasPasskeyUnlock(webId).then(setAvailable, () => setAvailable(false));
  }, [webId]);
  const document = pod?.walletDocument;
  if (!available || !document) return null;
  return (
    <p>
      <button
        type="button"
        data-testid="passkey-unlock-button"
        disabled={loading}
        onClick={() => {
          setLoading(true);
          unlockWithPasskey({ webId, document })
            .then(async (wallet) => {
              setPod((current) => (current ? { ...current, wallet } : current));
              setStatus('Your wallet is unlocked on this device.');
              await refreshBalance(wallet);
            })
            .catch(report)
            .finally(() => setLoading(false));
        }}
      >
        Unlock with passkey
      </button>
    </p>
  );
}
