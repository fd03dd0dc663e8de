// One request, as the agent handles it: the same decision code as the page (explainRequest +
// decideByPolicies), then act on it — deny with a denial receipt, or prove in Node, send, keep
// the receipt and the signed request, log — journaling each step first (agentJournal.ts), so a
// restart continues where it stopped and nothing is answered twice. "ask" leaves it for the person.
// A rewarded answer binds the shop's own reward address (rewardAddressFor, from the holder
// secret, as the page does), kept in the pod's list of reward accounts first; the chain is needed
// only for rewarded requests, and a chain that cannot be read throws ChainError, which the loop
// retries for that request alone.
import { randomUUID } from 'node:crypto';
import { FetchRequest, JsonRpcProvider } from 'ethers';
import { readCampaignStatement } from '../../chain/campaigns.ts';
import { ChainError, DecdpError } from '../../errors/index.ts';
import { deleteDocument, writeJsonDocument } from '../../pod/documents.ts';
import { decdpUrls } from '../../pod/layout.ts';
import { parseConsentReceipt } from '../../protocol/consentReceipt.ts';
import type { AttributeCredential } from '../../protocol/credential.ts';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { ProvingArtifacts } from '../../zk/groth16.ts';
import { buildConsentReceipt } from '../buildConsentReceipt.ts';
import { checkRequestReward } from '../checkRequestReward.ts';
import { buildDenialReceipt } from '../denialReceipt.ts';
import { explainRequest } from '../explainRequest.ts';
import { proveCampaignClaim } from '../proveCampaignClaim.ts';
import { proveRequest } from '../proveRequest.ts';
import { answerRecipient, rewardAddressFor } from '../rewardAccount.ts';
import { rememberRewardAccounts } from '../rewardAccounts.ts';
import { decideByPolicies, type StandingPolicy } from '../standingPolicy.ts';
import type { AgentJournal } from './agentJournal.ts';
import { writePolicyLogEntry } from './agentPod.ts';
import type { AgentSetup } from './agentSetup.ts';
import { MerchantRefusedError, postAnswer, postClaim } from './merchantCalls.ts';

export type AgentContext = {
  setup: AgentSetup;
  holderSecret: bigint;
  fetch: typeof globalThis.fetch;
  journal: AgentJournal;
  artifacts: ProvingArtifacts;
  log: (line: string) => void;
  /** Test hook: exit the process at this step (crash tests). */
  crashAt?: 'after-prove' | 'after-answer';
};

export type HandleOutcome = 'answered' | 'denied' | 'waiting' | 'skipped';

/** A proof made ahead from an earlier read of the pod, and the credentials it was made from. */
export type ProvedAhead = {
  credentials: readonly AttributeCredential[];
  bundle: Promise<ProofBundle | null>;
  /** How long the proof took, once made. */
  ms?: number;
};

/**
 * Proves a new request on the policies and credentials of the previous read, while the pod is
 * read afresh: nothing is sent or written here. Null when those policies would not approve it or
 * the proof fails (the answer then proves the usual way).
 */
export function proveAhead(
  context: AgentContext & {
    signedRequest: SignedRequest;
    policies: readonly StandingPolicy[];
    credentials: readonly AttributeCredential[];
  },
): ProvedAhead {
  const { request } = context.signedRequest;
  const ahead: ProvedAhead = { credentials: context.credentials, bundle: Promise.resolve(null) };
  ahead.bundle = (async () => {
    const explained = explainRequest(context.signedRequest, { now: Math.floor(Date.now() / 1000) });
    if (decideByPolicies(explained, context.policies).decision !== 'approve') return null;
    const started = performance.now();
    const bundle = await proveRequest({
      signedRequest: context.signedRequest,
      credentials: context.credentials,
      holderSecret: context.holderSecret,
      recipient: answerRecipient({ request, holderSecret: context.holderSecret }),
      artifacts: context.artifacts,
    });
    ahead.ms = Math.round(performance.now() - started);
    return bundle;
  })().catch(() => null);
  return ahead;
}

/** The same credential documents (a proof made from one set is the proof the other would make). */
const sameCredentials = (a: readonly AttributeCredential[], b: readonly AttributeCredential[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/** A provider of the agent's chain that gives up after 10 s (ethers waits 5 minutes by default). */
function chainProvider(chain: NonNullable<AgentSetup['chain']>): JsonRpcProvider {
  const request = new FetchRequest(chain.rpcUrl);
  request.timeout = 10_000;
  return new JsonRpcProvider(request, chain.chainId, { staticNetwork: true });
}

/** Anything but a decided refusal from reading the chain is an outage: ChainError, retried. */
function asChainOutage(error: unknown, rpcUrl: string): unknown {
  if (error instanceof DecdpError && error.code !== 'CHAIN_ERROR') return error;
  if (error instanceof ChainError) return error;
  return new ChainError(`The chain at ${rpcUrl} could not be read.`, { cause: error });
}

export async function answerRequestAsAgent(
  context: AgentContext & {
    signedRequest: SignedRequest;
    policies: readonly StandingPolicy[];
    credentials: readonly AttributeCredential[];
    /** The inbox document it arrived in: deleted once answered or denied. */
    inboxUrl?: string;
    /** When the loop's cycle began (performance.now()): its pod reads count in the timings. */
    cycleStarted?: number;
    /** A proof made while the pod was read (proveAhead): used when the fresh read agrees. */
    provedAhead?: ProvedAhead;
  },
): Promise<HandleOutcome> {
  const { setup, journal, signedRequest, log } = context;
  const { request } = signedRequest;
  const podUrl = setup.podUrl;
  const started = context.cycleStarted ?? performance.now();
  const timings: string[] = [];
  const lap = (() => {
    let last = started;
    return (what: string) => {
      const now = performance.now();
      timings.push(`${what} ${Math.round(now - last)}`);
      last = now;
    };
  })();
  const removeFromInbox = async () => {
    if (context.inboxUrl) await deleteDocument({ url: context.inboxUrl, fetch: context.fetch });
  };
  let state = journal.latest(request.id);
  if (state?.step === 'done' || state?.step === 'denied') {
    await removeFromInbox();
    return 'skipped';
  }
  if (state?.step === 'failed') return 'skipped';

  if (!state || state.step === 'waiting') {
    const explained = explainRequest(signedRequest, { now: Math.floor(Date.now() / 1000) });
    const decision = decideByPolicies(explained, context.policies);
    if (decision.decision === 'ask') {
      if (state?.reason !== decision.reason) {
        await journal.append(request.id, { step: 'waiting', reason: decision.reason });
        log(`request ${request.id} from ${request.merchant.name} waits for you: ${decision.reason}`);
      }
      return 'waiting';
    }
    if (decision.decision === 'deny') {
      const denial = buildDenialReceipt({
        explained,
        deniedBy: 'policy',
        policyIds: decision.policyIds,
        now: new Date(),
      });
      const url = `${decdpUrls(podUrl).receipts}denied/${encodeURIComponent(denial.id)}.json`;
      await Promise.all([
        writeJsonDocument({ url, data: denial, fetch: context.fetch }),
        writePolicyLogEntry({
          podUrl,
          entry: logEntry(signedRequest, 'deny', decision.policyIds, decision.reason),
          fetch: context.fetch,
        }),
      ]);
      await journal.append(request.id, { step: 'denied', policyIds: decision.policyIds, reason: decision.reason });
      await removeFromInbox();
      log(`request ${request.id} from ${request.merchant.name} denied: ${decision.reason}`);
      return 'denied';
    }
    lap('reads+decide');
    // A reward that is not the campaign on the person's chain would make the proof reveal another nullifier.
    if (request.reward) {
      if (!setup.chain) {
        await journal.append(request.id, {
          step: 'failed',
          code: 'NO_CHAIN',
          message: 'A rewarded request, and this agent has no chain to check the reward on.',
        });
        log(`request ${request.id} left for you: it pays a reward and the agent has no chain configured`);
        return 'waiting';
      }
      const provider = chainProvider(setup.chain);
      try {
        await checkRequestReward({
          signedRequest,
          runner: provider,
          chainId: setup.chain.chainId,
          pool: setup.chain.pool,
        });
      } catch (error) {
        throw asChainOutage(error, setup.chain.rpcUrl);
      } finally {
        provider.destroy();
      }
      lap('chain');
    }
    // The zero address when nothing is paid: an unrewarded answer carries no address at all.
    const recipient = answerRecipient({ request, holderSecret: context.holderSecret });
    if (request.reward) {
      // Kept in the pod before an answer binds it, so the wallet sums this balance too.
      await rememberRewardAccounts({
        podUrl,
        fetch: context.fetch,
        accounts: [
          { merchant: { name: request.merchant.name, address: request.merchant.address }, address: recipient },
        ],
      });
    }
    const provingStarted = performance.now();
    // Decided now on the fresh read; a proof made ahead counts only if it came from these credentials.
    const ahead =
      context.provedAhead && sameCredentials(context.provedAhead.credentials, context.credentials)
        ? await context.provedAhead.bundle
        : null;
    const bundle =
      ahead ??
      (await proveRequest({
        signedRequest,
        credentials: context.credentials,
        holderSecret: context.holderSecret,
        recipient,
        artifacts: context.artifacts,
      }));
    // Made ahead: the lap is what was left of it after the pod was read.
    lap(ahead ? 'proof-wait' : 'prove');
    log(
      ahead
        ? `request ${request.id} proved in ${context.provedAhead?.ms} ms, made while the pod was read`
        : `request ${request.id} proved in ${Math.round(performance.now() - provingStarted)} ms`,
    );
    await journal.append(request.id, {
      step: 'proved',
      bundle,
      idempotencyKey: `agent-${randomUUID()}`,
      policyIds: decision.policyIds,
      reason: decision.reason,
    });
    state = journal.latest(request.id);
    if (context.crashAt === 'after-prove') process.exit(137);
  }

  if (state?.step === 'proved') {
    const answer = await postAnswer({ signedRequest, bundle: state.bundle, idempotencyKey: state.idempotencyKey });
    lap('merchant');
    if (context.crashAt === 'after-answer') process.exit(137);
    await journal.append(request.id, {
      step: 'answered',
      answer: {
        record: { id: answer.record.id, pseudonym: answer.record.pseudonym, createdAt: answer.record.createdAt },
        reward: answer.reward,
        ...(answer.rewardError ? { rewardError: answer.rewardError } : {}),
      },
      bundle: state.bundle,
      policyIds: state.policyIds,
      reason: state.reason,
    });
    state = journal.latest(request.id);
  }

  if (state?.step === 'answered') {
    // Deterministic names: writing them again after a crash overwrites, never doubles.
    const receipt = parseConsentReceipt(
      buildConsentReceipt({ signedRequest, bundle: state.bundle, answer: state.answer }),
    );
    const urls = decdpUrls(podUrl);
    await Promise.all([
      writeJsonDocument({
        url: `${urls.requests}${encodeURIComponent(request.id)}.json`,
        data: signedRequest,
        fetch: context.fetch,
      }),
      writeJsonDocument({
        url: `${urls.receipts}${encodeURIComponent(receipt.id)}.json`,
        data: receipt,
        fetch: context.fetch,
      }),
      writePolicyLogEntry({
        podUrl,
        entry: logEntry(signedRequest, 'approve', state.policyIds, state.reason),
        fetch: context.fetch,
      }),
    ]);
    await journal.append(request.id, {
      step: 'done',
      recordId: state.answer.record.id,
      ...(state.answer.rewardError && request.reward
        ? {
            unpaid: {
              bundle: state.bundle,
              answer: { record: state.answer.record, reward: null },
              signedRequest,
            },
          }
        : {}),
    });
    await removeFromInbox();
    lap('receipts');
    const reward = state.answer.reward ? `, reward paid in ${state.answer.reward.txHash}` : '';
    const unpaid = state.answer.rewardError
      ? `, reward not paid (${state.answer.rewardError.code}): the agent will claim it`
      : '';
    log(
      `request ${request.id} from ${request.merchant.name} answered: ${state.reason} (record ${state.answer.record.id}${reward}${unpaid}; ms: ${timings.join(', ')})`,
    );
    return 'answered';
  }
  return 'skipped';
}

/**
 * A reward the merchant could not relay when it recorded the answer: a fresh claim proof for the
 * request's campaign (proveCampaignClaim, as the wallet's Claim button makes it), sent to the
 * merchant's POST /claims; the receipt gets the transaction. Returns false to be tried again later.
 */
export async function claimUnpaidReward(
  context: AgentContext & { signedRequest: SignedRequest; credentials: readonly AttributeCredential[] },
): Promise<boolean> {
  const { setup, journal, signedRequest, log } = context;
  const { request } = signedRequest;
  const state = journal.latest(request.id);
  const reward = request.reward;
  if (state?.step !== 'done' || !state.unpaid || !reward || !setup.chain) return true;
  const provider = chainProvider(setup.chain);
  const pool = setup.chain.pool;
  let txHash: string | null;
  try {
    const claim = await proveCampaignClaim({
      signedRequest,
      credentials: context.credentials,
      holderSecret: context.holderSecret,
      recipient: rewardAddressFor({ holderSecret: context.holderSecret, merchantAddress: request.merchant.address }),
      artifacts: context.artifacts,
      isCampaignStatement: async (statementHash) =>
        (await readCampaignStatement({
          runner: provider,
          pool,
          campaignId: BigInt(reward.campaignId),
          statementHash,
        })) !== null,
    });
    txHash = (await postClaim({ signedRequest, claim })).txHash;
  } catch (error) {
    // Paid already (by the wallet's Claim button, say): nothing left to claim.
    if (error instanceof MerchantRefusedError && error.code === 'NULLIFIER_REUSED') txHash = null;
    else {
      const code = error instanceof DecdpError ? error.code : 'ERROR';
      log(`request ${request.id}: reward claim not paid yet (${code}); trying again later`);
      return false;
    }
  } finally {
    provider.destroy();
  }
  if (txHash) {
    const answer = { ...state.unpaid.answer, reward: { txHash, amount: reward.amount } };
    const receipt = parseConsentReceipt(buildConsentReceipt({ signedRequest, bundle: state.unpaid.bundle, answer }));
    await writeJsonDocument({
      url: `${decdpUrls(setup.podUrl).receipts}${encodeURIComponent(receipt.id)}.json`,
      data: receipt,
      fetch: context.fetch,
    });
  }
  await journal.append(request.id, { step: 'claimed', txHash });
  log(`request ${request.id}: reward ${txHash ? `claimed in ${txHash}` : 'was already paid'}`);
  return true;
}

function logEntry(signed: SignedRequest, decision: 'approve' | 'deny', policyIds: string[], reason: string) {
  return {
    at: new Date().toISOString(),
    requestId: signed.request.id,
    merchant: signed.request.merchant.name,
    decision,
    policyIds,
    reason,
    answeredBy: 'agent' as const,
  };
}
