// The page's configuration and the person's login to their Solid server (this also completes a
// login redirect on load).
import { useEffect, useState } from 'react';
import { type AppConfig, loadConfig } from '../../shared/config.ts';
import { endDeviceSession } from '../deviceKeys.ts';
import { endSession, restoreSession, type SessionState, startLogin } from '../session.ts';
import type { StatusState } from './useStatus.ts';

export type LoginState = {
  config: AppConfig | null;
  /** 'checking' until the login state is known; null when logged out. */
  session: SessionState | null | 'checking';
  logIn: (solidServer: string) => Promise<void>;
  logOut: () => Promise<void>;
};

export function useSession({ report, setStatus }: Pick<StatusState, 'report' | 'setStatus'>): LoginState {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [session, setSession] = useState<SessionState | null | 'checking'>('checking');

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
        setStatus(restored ? 'You are logged in.' : 'You are not logged in.');
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
  }, [report, setStatus]);

  async function logIn(solidServer: string) {
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
    if (session && session !== 'checking') await endDeviceSession(session.webId).catch(report);
    await endSession().catch(report);
    setSession(null);
    setStatus('You are logged out.');
  }

  return { config, session, logIn, logOut };
}
