// Passkey unlock (docs/wallet.md § Keys): where the browser offers the WebAuthn PRF extension, a
// passkey on this device opens the wallet instead of the passphrase. Settings sets it up or forgets
// it; the unlock screen offers it when this device has one (unlockWallet.ts does the work).
import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Fingerprint, Section } from '../../shared/ui/index.ts';
import { useBusyAction } from '../state/useBusyAction.ts';
import { useWallet } from '../state/WalletState.tsx';
import { enrollPasskey, forgetPasskey, hasPasskeyUnlock, passkeyMayWork } from '../unlockWallet.ts';

/** Settings → "Passkey": set up or forget the passkey unlock on this device. */
export function PasskeySettings() {
  const { pod, session, report, setStatus } = useWallet();
  const [state, setState] = useState<'loading' | 'unsupported' | 'none' | 'set'>('loading');
  const { busy, run } = useBusyAction(report);
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

  return (
    <Section title="Passkey" testId="passkey-settings" data-state={state}>
      {state === 'unsupported' ? (
        <Empty>
          This browser does not offer passkeys that can seal a secret (the WebAuthn PRF extension). Your passphrase
          unlocks the wallet.
        </Empty>
      ) : state === 'set' ? (
        <>
          <p>A passkey unlocks this wallet on this device. Your passphrase and your recovery phrase still work.</p>
          <Button
            data-testid="passkey-forget-button"
            busy={busy}
            onClick={() =>
              void run(async () => {
                await forgetPasskey(webId);
                setState('none');
                setStatus('The passkey no longer unlocks this wallet on this device.');
              })
            }
          >
            Stop unlocking with the passkey
          </Button>
        </>
      ) : (
        <>
          <p>
            Unlock with your fingerprint, face or device PIN instead of typing the passphrase: a passkey on this device
            seals your secret. Nothing leaves the device.
          </p>
          <Button
            variant="primary"
            icon={Fingerprint}
            data-testid="passkey-enroll-button"
            busy={busy}
            disabled={!wallet}
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
          </Button>
          {!wallet ? <Empty>Unlock your wallet first.</Empty> : null}
        </>
      )}
    </Section>
  );
}

/** On the unlock screen: "Unlock with passkey", when this device has one for this wallet. */
export function PasskeyUnlock() {
  const { pod, session, loading, unlockWithPasskey } = useWallet();
  const [available, setAvailable] = useState(false);
  const webId = session.webId;
  useEffect(() => {
    void hasPasskeyUnlock(webId).then(setAvailable, () => setAvailable(false));
  }, [webId]);
  if (!available || !pod?.walletDocument) return null;
  return (
    <p>
      <Button
        icon={Fingerprint}
        data-testid="passkey-unlock-button"
        busy={loading}
        onClick={() => void unlockWithPasskey()}
      >
        Unlock with passkey
      </Button>
    </p>
  );
}
