// The wallet agent's loop: log in to the pod with the agent's client credentials, then every
// `pollMs` read the inbox (/decdp/requests/), the standing policies and what was already
// answered, and handle each open request (answerRequestAsAgent.ts). Outages of the pod, the chain
// or a merchant are retried with exponential backoff (nothing is lost: the request stays in the
// inbox and its step in the journal). Refused credentials (revoked, deleted, expired) stop the
// agent with AGENT_LOGIN_REFUSED: it never runs on without the person's consent.
import { AgentLoginRefusedError, DecdpError } from '../../errors/index.ts';
import { loginWithClientCredentials, type PodSession } from '../../pod/node/loginWithClientCredentials.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { ProvingArtifacts } from '../../zk/groth16.ts';
import { openAgentJournal } from './agentJournal.ts';
import {
  answeredKeyOf,
  answeredRequestKeys,
  readAgentControl,
  readCredentialDocuments,
  readInbox,
  readStandingPolicies,
} from './agentPod.ts';
import { type AgentSetup, openAgentSetup } from './agentSetup.ts';
import { type AgentContext, answerRequestAsAgent, claimUnpaidReward } from './answerRequestAsAgent.ts';
import { MerchantRefusedError } from './merchantCalls.ts';

export type WalletAgentOptions = {
  setup: AgentSetup;
  passphrase: string;
  /** The durable journal file (created if missing). */
  journalPath: string;
  artifacts: ProvingArtifacts;
  /** How often the inbox is read (ms). Default 2,000. */
  pollMs?: number;
  /** How often the agent logs in afresh to notice revoked credentials (ms). Default 60,000. */
  credentialCheckMs?: number;
  /** How often an unpaid reward is claimed again (ms). Default 60,000. */
  claimRetryMs?: number;
  /** Longest wait between retries after an outage (ms). Default 60,000. */
  maxBackoffMs?: number;
  log?: (line: string) => void;
  crashAt?: AgentContext['crashAt'];
};

export type WalletAgent = {
  /** Resolves when the agent stops: `stopped` (asked to) or the error that stopped it. */
  finished: Promise<{ reason: 'stopped' } | { reason: 'error'; error: DecdpError }>;
  stop(): Promise<void>;
};

export async function startWalletAgent(options: WalletAgentOptions): Promise<WalletAgent> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`));
  const pollMs = options.pollMs ?? 2_000;
  const credentialCheckMs = options.credentialCheckMs ?? 60_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const claimRetryMs = options.claimRetryMs ?? 60_000;
  /** When each unpaid reward was last tried. */
  const claimTried = new Map<string, number>();
  const { setup } = options;
  // Opened once, kept in memory only; a wrong passphrase stops here (WRONG_PASSPHRASE).
  const secrets = await openAgentSetup({ setup, passphrase: options.passphrase });
  const journal = await openAgentJournal(options.journalPath);
  const credentials = { oidcIssuer: setup.oidcIssuer, clientId: secrets.clientId, clientSecret: secrets.clientSecret };

  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const context = (fetch: PodSession['fetch']): AgentContext => ({
    setup,
    holderSecret: secrets.holderSecret,
    fetch,
    journal,
    artifacts: options.artifacts,
    log,
    ...(options.crashAt ? { crashAt: options.crashAt } : {}),
  });

  async function login(): Promise<PodSession> {
    try {
      return await loginWithClientCredentials(credentials);
    } catch (error) {
      if (isRefusal(error)) {
        throw new AgentLoginRefusedError(
          `The Solid server at ${setup.oidcIssuer} refused the agent's credentials (revoked, deleted or expired).`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  const finished = (async (): Promise<Awaited<WalletAgent['finished']>> => {
    let session: PodSession | undefined;
    let loggedInAt = 0;
    let failures = 0;
    let pausedLogged = false;
    const knownRequests = new Map<string, SignedRequest | null>();
    log(`agent: started for ${setup.webId} (inbox ${setup.podUrl}decdp/requests/, every ${pollMs} ms)`);
    while (!stopping) {
      try {
        if (!session || Date.now() - loggedInAt > credentialCheckMs) {
          const fresh = await login();
          await session?.logout().catch(() => {});
          session = fresh;
          loggedInAt = Date.now();
        }
        const where = { podUrl: setup.podUrl, fetch: session.fetch };
        const [control, inbox, answered] = await Promise.all([
          readAgentControl(where),
          readInbox({ ...where, known: knownRequests }),
          answeredRequestKeys(where),
        ]);
        if (control?.removedAt) {
          throw new AgentLoginRefusedError(`The wallet removed this agent at ${control.removedAt}.`);
        }
        if (control?.paused) {
          if (!pausedLogged) log('agent: paused by the wallet; answering nothing until resumed');
          pausedLogged = true;
        } else {
          if (pausedLogged) log('agent: resumed');
          pausedLogged = false;
          const unpaid = inbox.filter((signed) => {
            const latest = journal.latest(signed.request.id);
            return (
              latest?.step === 'done' &&
              latest.unpaid &&
              Date.now() - (claimTried.get(signed.request.id) ?? 0) >= claimRetryMs
            );
          });
          const open = inbox.filter((signed) => {
            const step = journal.latest(signed.request.id)?.step;
            return !answered.has(answeredKeyOf(signed)) && step !== 'done' && step !== 'denied' && step !== 'failed';
          });
          if (open.length > 0 || unpaid.length > 0) {
            const [policies, credentialDocuments] = await Promise.all([
              readStandingPolicies(where),
              readCredentialDocuments(where),
            ]);
            for (const signedRequest of unpaid) {
              if (stopping) break;
              claimTried.set(signedRequest.request.id, Date.now());
              await claimUnpaidReward({ ...context(session.fetch), signedRequest, credentials: credentialDocuments });
            }
            for (const signedRequest of open) {
              if (stopping) break;
              try {
                await answerRequestAsAgent({
                  ...context(session.fetch),
                  signedRequest,
                  policies,
                  credentials: credentialDocuments,
                });
              } catch (error) {
                if (!isFinal(error)) throw error;
                // Refused for good (expired, not provable, merchant said no): left for the person.
                const decdp = error as DecdpError;
                await journal.append(signedRequest.request.id, {
                  step: 'failed',
                  code: decdp.code,
                  message: decdp.shortMessage,
                });
                log(`request ${signedRequest.request.id} left for you: ${decdp.code} ${decdp.shortMessage}`);
              }
            }
          }
        }
        if (failures > 0) log('agent: reachable again');
        failures = 0;
        await sleep(pollMs);
      } catch (error) {
        // Refused at the first login, or when a token ran out mid-cycle and the new login was refused.
        const refused =
          error instanceof AgentLoginRefusedError
            ? error
            : isRefusal(error)
              ? new AgentLoginRefusedError(`The pod refused the agent's credentials mid-cycle.`, { cause: error })
              : undefined;
        if (refused) {
          log(`agent: stopped: ${refused.code}: ${refused.shortMessage} ${refused.hint ?? ''}`.trim());
          await journal.close();
          return { reason: 'error', error: refused };
        }
        failures++;
        const wait = Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 10));
        const code = error instanceof DecdpError ? error.code : 'ERROR';
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        log(`agent: ${code}: ${message}; retrying in ${Math.round(wait / 1000)} s`);
        await sleep(wait);
      }
    }
    await session?.logout().catch(() => {});
    await journal.close();
    log('agent: stopped');
    return { reason: 'stopped' };
  })();

  return {
    finished,
    async stop() {
      stopping = true;
      wake?.();
      await finished;
    },
  };
}

/** The token endpoint said no to these credentials (as opposed to not answering at all). */
function isRefusal(error: unknown): boolean {
  const text = messagesOf(error).join(' ');
  return /invalid_client|unauthorized_client|invalid_grant|\b401\b|client authentication failed/i.test(text);
}

function messagesOf(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof Error) out.push(current.message);
    else out.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** Failures that retrying cannot fix: the request is left for the person. */
function isFinal(error: unknown): boolean {
  if (error instanceof MerchantRefusedError) return true;
  return (
    error instanceof DecdpError &&
    ['INVALID_INPUT', 'PREDICATE_NOT_SATISFIED', 'CREDENTIAL_EXPIRED', 'REQUEST_EXPIRED', 'SIGNATURE_INVALID'].includes(
      error.code,
    )
  );
}
