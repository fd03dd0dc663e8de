// The wallet agent's loop: log in to the pod with the agent's client credentials, watch the pod
// inboxes (the open /decdp/inbox/ and each shop's, as the wallet page does: watchInbox, with the
// same spam rules, on Solid notifications and falling back to reads every `pollMs`), and handle
// each request delivered (answerRequestAsAgent.ts). A notification wakes the loop at once; it also
// runs every `pollMs` for the control document, unpaid rewards and requests that wait. Outages of
// the pod are retried with exponential backoff (nothing is lost: the request stays in the inbox
// and its step in the journal); a chain or shop that cannot be reached holds only the requests
// that need it, each retried with its own backoff, while the others are answered. Refused
// credentials (revoked, deleted, expired) stop the agent with AGENT_LOGIN_REFUSED: it never runs on
// without the person's consent.
import {
  AgentLoginRefusedError,
  ChainError,
  DecdpError,
  PodError,
  ServiceUnreachableError,
} from '../../errors/index.ts';
import { listContainer, type PodFetch } from '../../pod/documents.ts';
import { ensureInbox } from '../../pod/ensureInbox.ts';
import { decdpUrls } from '../../pod/layout.ts';
import { listMerchantInboxes } from '../../pod/listMerchantInboxes.ts';
import { loginWithClientCredentials, type PodSession } from '../../pod/node/loginWithClientCredentials.ts';
import type { AttributeCredential } from '../../protocol/credential.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { ProvingArtifacts } from '../../zk/groth16.ts';
import { warmUpProver } from '../../zk/groth16.ts';
import type { InboxRequest } from '../readInbox.ts';
import type { StandingPolicy } from '../standingPolicy.ts';
import { type InboxWatch, watchInbox } from '../watchInbox.ts';
import { readAgentControl } from './agentControl.ts';
import { openAgentJournal } from './agentJournal.ts';
import { answeredKeyOf, answeredRequestKeys, readCredentialDocuments, readStandingPolicies } from './agentPod.ts';
import { type AgentSetup, openAgentSetup } from './agentSetup.ts';
import {
  type AgentContext,
  answerRequestAsAgent,
  claimUnpaidReward,
  type ProvedAhead,
  proveAhead,
} from './answerRequestAsAgent.ts';
import { MerchantRefusedError } from './merchantCalls.ts';

export type WalletAgentOptions = {
  setup: AgentSetup;
  passphrase: string;
  /** The durable journal file (created if missing). */
  journalPath: string;
  artifacts: ProvingArtifacts;
  /** How often the agent looks without a notification (the inbox too when there is no channel) (ms). Default 2,000. */
  pollMs?: number;
  /** How often the agent logs in afresh to notice revoked credentials (ms). Default 60,000. */
  credentialCheckMs?: number;
  /** First wait before an unpaid reward is claimed again, doubled each time (ms). Default 60,000. */
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

/** When a request held by an outage (chain or shop) is tried again. */
type Held = { until: number; failures: number };

export async function startWalletAgent(options: WalletAgentOptions): Promise<WalletAgent> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`));
  const pollMs = options.pollMs ?? 2_000;
  const credentialCheckMs = options.credentialCheckMs ?? 60_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const claimRetryMs = options.claimRetryMs ?? 60_000;
  const backoff = (first: number, failures: number) => Math.min(maxBackoffMs, first * 2 ** Math.min(failures - 1, 10));
  /** Unpaid rewards: when each may be claimed again. */
  const claimHeld = new Map<string, Held>();
  /** Requests held by a chain or shop outage. */
  const held = new Map<string, Held>();
  const { setup } = options;
  // Opened once, kept in memory only; a wrong passphrase stops here (WRONG_PASSPHRASE).
  const secrets = await openAgentSetup({ setup, passphrase: options.passphrase });
  const journal = await openAgentJournal(options.journalPath);
  const credentials = { oidcIssuer: setup.oidcIssuer, clientId: secrets.clientId, clientSecret: secrets.clientSecret };
  // The curve's worker threads and the witness calculator, made ready while the agent logs in and
  // reads the inboxes (not before: a slow machine would start late); proofs wait for it.
  const warm = warmUpProver(options.artifacts).catch(() => {});

  let stopping = false;
  let wake: (() => void) | undefined;
  /** Something happened while the loop was busy (a notification during a proof): no sleep next. */
  let poked = false;
  const poke = () => {
    poked = true;
    wake?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (poked) {
        poked = false;
        resolve();
        return;
      }
      const timer = setTimeout(resolve, ms);
      wake = () => {
        poked = false;
        clearTimeout(timer);
        resolve();
      };
    });

  let session: PodSession | undefined;
  // The watch outlives a session: it always calls through the current one.
  const podFetch: PodFetch = (input, init) => {
    if (!session) throw new PodError('The agent is not logged in to the pod yet.');
    return session.fetch(input, init);
  };
  const where = { podUrl: setup.podUrl, fetch: podFetch };

  /** The latest read of the inboxes (valid requests only), or the error of the latest read. */
  let inbox: InboxRequest[] | undefined;
  let inboxError: unknown;
  let watch: InboxWatch | undefined;
  let watchedInboxes = '';
  /** Requests already logged as arrived (once each). */
  const arrived = new Set<string>();
  /** Opens the watch, again when the person opened or closed a shop's inbox or a channel was lost. */
  async function watchInboxes(key: string): Promise<void> {
    if (watch && key === watchedInboxes && watch.mode === 'notifications') {
      // A notification lost on the way would otherwise leave a request unread until the next one.
      await watch.refresh();
      return;
    }
    const merchantInboxes = await listMerchantInboxes(where);
    if (!watch) await ensureInbox({ ...where, webId: setup.webId });
    watch?.close();
    watchedInboxes = key;
    watch = await watchInbox({
      ...where,
      merchantInboxes,
      pollIntervalMs: pollMs,
      onChange: (read) => {
        inbox = read.requests;
        inboxError = undefined;
        for (const { signedRequest, via } of read.requests) {
          const { id, merchant } = signedRequest.request;
          if (arrived.has(id) || journal.latest(id)) continue;
          arrived.add(id);
          log(`inbox: request ${id} from ${merchant.name} arrived (${via === 'open' ? 'open inbox' : 'shop inbox'})`);
        }
        for (const { url, reason } of read.discarded) log(`inbox: discarded ${url} (${reason})`);
        poke();
      },
      onError: (error) => {
        inboxError = error;
      },
    });
    log(
      `agent: watching ${merchantInboxes.length + 1} inbox${merchantInboxes.length ? 'es' : ''} (${watch.mode === 'notifications' ? 'Solid notifications' : `read every ${pollMs} ms`})`,
    );
  }

  /** The shops' inboxes as the listing of their records names them (one read). */
  async function shopInboxesKey(): Promise<string> {
    return (await listContainer({ url: decdpUrls(setup.podUrl).merchantInboxes, fetch: podFetch }))
      .map((url) => url.slice(url.lastIndexOf('/') + 1))
      .sort()
      .join(',');
  }

  const context = (fetch: PodFetch): AgentContext => ({
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

  /** Unpaid rewards the journal holds whose next try is due. */
  function dueClaims(now: number): SignedRequest[] {
    const due: SignedRequest[] = [];
    for (const entry of journal.entries()) {
      if (entry.step !== 'done' || !entry.unpaid?.signedRequest) continue;
      if ((claimHeld.get(entry.requestId)?.until ?? 0) <= now) due.push(entry.unpaid.signedRequest);
    }
    return due;
  }

  const finished = (async (): Promise<Awaited<WalletAgent['finished']>> => {
    let loggedInAt = 0;
    let watchChecked = false;
    /** The policies and credentials of the latest read (what a proof ahead is made from). */
    let lastRead: { policies: StandingPolicy[]; credentials: AttributeCredential[] } | undefined;
    /** Paused (or removed) at the latest read: nothing is proved ahead then. */
    let pausedAtLastRead = false;
    let ahead: { id: string; from: NonNullable<typeof lastRead>; proof: ProvedAhead } | undefined;
    let failures = 0;
    let pausedLogged = false;
    log(`agent: started for ${setup.webId} (inboxes in ${setup.podUrl}decdp/)`);
    while (!stopping) {
      const cycleStarted = performance.now();
      try {
        if (!session || Date.now() - loggedInAt > credentialCheckMs) {
          const fresh = await login();
          const old = session;
          session = fresh;
          loggedInAt = Date.now();
          await old?.logout().catch(() => {});
          watchChecked = false;
          // Read policies and credentials again now and then, so a proof ahead rarely misses.
          lastRead = undefined;
        }
        if (!watchChecked) {
          await watchInboxes(await shopInboxesKey());
          watchChecked = true;
        }
        if (inboxError) throw inboxError;
        const now = Date.now();
        const fetch = podFetch;
        // Requests the journal has not finished; the pod is read for them only when there are some.
        const candidates = (inbox ?? []).filter((item) => {
          const step = journal.latest(item.signedRequest.request.id)?.step;
          return step !== 'failed' && (held.get(item.signedRequest.request.id)?.until ?? 0) <= now;
        });
        const claims = dueClaims(now);
        const needPolicies = candidates.length > 0 || claims.length > 0 || !lastRead;
        // While the pod is read, a new request is proved ahead on the previous read (proving
        // sends nothing); the answer below is decided afresh and uses that proof only if the
        // credentials read now are the ones it was made from (answerRequestAsAgent.ts).
        if (candidates.length > 0 || claims.length > 0) await warm;
        const fresh = candidates.find((item) => !journal.latest(item.signedRequest.request.id));
        const freshId = fresh?.signedRequest.request.id;
        // One proof ahead per request and read: a cycle that failed midway does not start another.
        if (fresh && lastRead && !pausedAtLastRead && (ahead?.id !== freshId || ahead?.from !== lastRead)) {
          ahead = {
            id: freshId ?? '',
            from: lastRead,
            proof: proveAhead({ ...context(podFetch), signedRequest: fresh.signedRequest, ...lastRead }),
          };
        }
        const provedAhead = ahead && ahead.id === freshId ? ahead.proof : undefined;
        const [shops, control, answered, policies, credentialDocuments] = await Promise.all([
          // Notices a shop the person connected (or closed) meanwhile.
          shopInboxesKey(),
          readAgentControl(where),
          candidates.length > 0 ? answeredRequestKeys(where) : new Set<string>(),
          needPolicies ? readStandingPolicies(where) : (lastRead?.policies ?? []),
          needPolicies ? readCredentialDocuments(where) : (lastRead?.credentials ?? []),
        ]);
        if (needPolicies) lastRead = { policies, credentials: credentialDocuments };
        pausedAtLastRead = !!control?.paused || !!control?.removedAt;
        if (shops !== watchedInboxes) await watchInboxes(shops);
        if (control?.removedAt) {
          throw new AgentLoginRefusedError(`The wallet removed this agent at ${control.removedAt}.`);
        }
        if (control?.paused) {
          if (!pausedLogged) log('agent: paused by the wallet; answering nothing until resumed');
          pausedLogged = true;
        } else {
          if (pausedLogged) log('agent: resumed');
          pausedLogged = false;
          for (const signedRequest of claims) {
            if (stopping) break;
            const id = signedRequest.request.id;
            const paid = await claimUnpaidReward({
              ...context(fetch),
              signedRequest,
              credentials: credentialDocuments,
            });
            if (paid) claimHeld.delete(id);
            else {
              const tries = (claimHeld.get(id)?.failures ?? 0) + 1;
              claimHeld.set(id, { until: Date.now() + backoff(claimRetryMs, tries), failures: tries });
            }
          }
          for (const { signedRequest, url } of candidates) {
            if (stopping) break;
            const id = signedRequest.request.id;
            const step = journal.latest(id)?.step;
            // Answered on another device: the page keeps its own inbox copy.
            if (step !== 'done' && step !== 'denied' && answered.has(answeredKeyOf(signedRequest))) continue;
            try {
              await answerRequestAsAgent({
                ...context(fetch),
                cycleStarted,
                ...(provedAhead && signedRequest === fresh?.signedRequest ? { provedAhead } : {}),
                signedRequest,
                inboxUrl: url,
                policies,
                credentials: credentialDocuments,
              });
              held.delete(id);
            } catch (error) {
              if (isOutageOfOne(error)) {
                // The chain or this shop is down: only this request waits, the others go ahead.
                const tries = (held.get(id)?.failures ?? 0) + 1;
                const wait = backoff(pollMs, tries);
                held.set(id, { until: Date.now() + wait, failures: tries });
                const decdp = error as DecdpError;
                log(`request ${id} waits: ${decdp.code}: ${firstLine(decdp)}; retrying in ${seconds(wait)} s`);
                continue;
              }
              if (!isFinal(error)) throw error;
              // Refused for good (expired, not provable, merchant said no): left for the person.
              const decdp = error as DecdpError;
              await journal.append(id, { step: 'failed', code: decdp.code, message: decdp.shortMessage });
              log(`request ${id} left for you: ${decdp.code} ${decdp.shortMessage}`);
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
          watch?.close();
          await journal.close();
          return { reason: 'error', error: refused };
        }
        failures++;
        const wait = backoff(pollMs * 2, failures);
        const code = error instanceof DecdpError ? error.code : 'ERROR';
        log(`agent: ${code}: ${firstLine(error)}; retrying in ${seconds(wait)} s`);
        // A read of the inbox that works again (the watch's own polling) ends the wait early.
        await sleep(wait);
      }
    }
    watch?.close();
    await session?.logout().catch(() => {});
    await journal.close();
    log('agent: stopped');
    return { reason: 'stopped' };
  })();

  return {
    finished,
    async stop() {
      stopping = true;
      poke();
      await finished;
    },
  };
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** An outage that holds one request only: the chain (rewarded requests) or the request's shop. */
function isOutageOfOne(error: unknown): boolean {
  return error instanceof ChainError || error instanceof ServiceUnreachableError;
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
