// Screen "Masks" (#/masks): the masks on the chain's mask registry, each with its size, its k and
// what wearing it reveals, in plain words; join (with an admission proof where the mask asks
// one), contribute interests once per period, answer requests merchants send to the mask's
// members (an answered request stays answered: the pod's membership document keeps it), leave.
// Proofs are made in the mask prover worker; every transaction goes through the relayer
// (config.maskService), so no address of the person's is sent with a mask identity.

import { PodError } from '@decdp/sdk/errors';
import {
  type ChainMask,
  listMaskRequests,
  listMasksOnChain,
  MaskAlreadyContributedError,
  type MaskAnswerRecord,
  type MaskMembership,
  maskDefinitionOfChainMask,
  maskIdentity,
  maskMembershipUrl,
  parseMaskMembership,
  readMaskGroupOnChain,
  relayMaskLeave,
  type SignedMaskRequest,
  verifyMaskRequest,
} from '@decdp/sdk/masks';
import { readJsonDocument, writeJsonDocument } from '@decdp/sdk/pod';
import { rememberRewardAccounts, rewardAddressFor } from '@decdp/sdk/wallet';
import { JsonRpcProvider } from 'ethers';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { formatUnixTime } from '../../shared/format.ts';
import { Actions, Button, Card, CardList, Field, Loading, Notice } from '../../shared/ui/index.ts';
import { OfferForContext } from '../offers/OfferForContext.tsx';
import { useOptOutsFromPod } from '../offers/offerOptOuts.ts';
import { useWallet } from '../state/WalletState.tsx';
import {
  answerProvedInWords,
  type MaskMembershipEntry,
  membershipAfterAnswer,
  membershipAfterContribution,
  membershipOnJoin,
} from './maskMembership.ts';
import { runMaskJob } from './maskProver.ts';

/** What wearing a mask reveals, and to whom, in the wallet's words. */
export function maskRevealsInWords(mask: ChainMask): string[] {
  return [
    mask.admission
      ? 'Joining needs a proof of the mask’s admission predicates; the mask registry checks that proof on-chain and learns that you meet them, nothing else.'
      : 'Joining publishes a new anonymous member key for this mask only; nobody can tell it is yours.',
    `Contributing adds the interests and actions you pick, once a ${periodInWords(mask.epochSeconds)} period, to counts shared by all members; a proof shows a member sent them, not which one.`,
    `Merchants see a period’s counts only once at least ${mask.k} members contributed, and only the interests at least ${mask.k} of them named.`,
    'Answering a merchant’s request to the mask’s members tells that merchant “a member answered” (and, if it pays, your reward address for that shop only), never which member.',
  ];
}

function periodInWords(seconds: number): string {
  return seconds >= 86_400 ? `${Math.round(seconds / 86_400)}-day` : `${Math.round(seconds / 60)}-minute`;
}

/** What a mask's admission asks, in words ("age ≥ 18"), or null for an open mask. */
function admissionInWords(mask: ChainMask): string | null {
  if (!mask.admission) return null;
  try {
    const rule = maskDefinitionOfChainMask(mask).admission;
    const ops: Record<string, string> = { gte: '≥', lte: '≤', eq: '=', neq: '≠', gt: '>', lt: '<' };
    return (rule?.predicates ?? [])
      .map((predicate) => {
        const p = predicate as { attribute: string; op: string; value?: unknown; values?: unknown[] };
        return p.values
          ? `${p.attribute} in ${p.values.join(', ')}`
          : `${p.attribute} ${ops[p.op] ?? p.op} ${String(p.value)}`;
      })
      .join(' and ');
  } catch {
    return 'a policy this wallet cannot read';
  }
}

type MaskView = {
  mask: ChainMask;
  wearing: boolean;
  membership: MaskMembershipEntry | null;
  requests: SignedMaskRequest[];
};

/** One request under a mask: open on the board, answered (the pod's record), or both. */
type RequestRow = {
  id: string;
  merchantName: string;
  purpose: string;
  rewarded: boolean;
  offers: string | undefined;
  expiresAt: number;
  signed: SignedMaskRequest | null;
  answer: MaskAnswerRecord | null;
};

/**
 * The requests to show under a mask: those the board lists and those the pod says were answered
 * (the board forgets a request once it expires; the pod keeps the person's answer a while longer).
 */
function requestRows(view: MaskView): RequestRow[] {
  const answers = new Map((view.membership?.value.answers ?? []).map((entry) => [entry.requestId, entry]));
  const rows: RequestRow[] = view.requests.map((signed) => ({
    id: signed.request.id,
    merchantName: signed.request.merchant.name,
    purpose: signed.request.purpose,
    rewarded: Boolean(signed.request.reward),
    offers: signed.request.offers,
    expiresAt: signed.request.expiresAt,
    signed,
    answer: answers.get(signed.request.id) ?? null,
  }));
  const listed = new Set(rows.map((row) => row.id));
  for (const answer of answers.values()) {
    if (listed.has(answer.requestId)) continue;
    rows.push({
      id: answer.requestId,
      merchantName: answer.merchant.name,
      purpose: answer.purpose,
      rewarded: answer.recipient !== null,
      offers: answer.offers,
      expiresAt: answer.expiresAt,
      signed: null,
      answer,
    });
  }
  return rows;
}

export function MasksScreen() {
  const { config, pod, session } = useWallet();
  // The person's offer opt-outs (kept in the pod): read here too, so this device has them before
  // any mask offer is asked for.
  useOptOutsFromPod();
  const registry = config.contracts.maskRegistry;
  const service = config.maskService;
  const wallet = pod?.wallet ?? null;
  const [views, setViews] = useState<MaskView[] | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notices, setNotices] = useState<Record<string, { error?: ErrorInWords; done?: string }>>({});
  // The clock the requests' expiry is read against, moved on while the screen is open.
  const [nowSeconds, setNowSeconds] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNowSeconds(Math.floor(Date.now() / 1000)), 15_000);
    return () => clearInterval(timer);
  }, []);

  const load = useCallback(async () => {
    if (!registry) return;
    const provider = new JsonRpcProvider(config.rpcUrl, config.chainId, { staticNetwork: true });
    try {
      const masks = await listMasksOnChain({ provider, registry });
      const loaded = await Promise.all(
        masks.map(async (mask): Promise<MaskView> => {
          if (!wallet) return { mask, wearing: false, membership: null, requests: [] };
          const group = await readMaskGroupOnChain({ provider, registry, maskId: mask.id });
          const wearing =
            group.indexOf(maskIdentity({ holderSecret: wallet.holderSecret, maskId: mask.id }).commitment) >= 0;
          const membership =
            wearing && pod
              ? await readJsonDocument({
                  url: maskMembershipUrl({ podUrl: pod.podUrl, maskId: mask.id }),
                  fetch: session.fetch,
                })
                  .then((data) => ({
                    url: maskMembershipUrl({ podUrl: pod.podUrl, maskId: mask.id }),
                    value: parseMaskMembership(data),
                  }))
                  .catch(() => null)
              : null;
          // Every mask's requests are read, worn or not: which lists a wallet reads tells the board nothing.
          const listed = service ? await listMaskRequests({ service, maskId: mask.id }).catch(() => []) : [];
          const requests = wearing
            ? listed.filter((signed) => {
                try {
                  verifyMaskRequest(signed);
                  return true;
                } catch {
                  return false;
                }
              })
            : [];
          return { mask, wearing, membership, requests };
        }),
      );
      setViews(loaded);
      setNowSeconds(Math.floor(Date.now() / 1000));
    } catch (caught) {
      setError(errorInWords(caught));
    } finally {
      provider.destroy();
    }
  }, [config.rpcUrl, config.chainId, registry, service, wallet, pod, session.fetch]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (maskId: string, what: string, work: () => Promise<string>) => {
    setBusy(`${what}:${maskId}`);
    setNotices((current) => ({ ...current, [maskId]: {} }));
    try {
      const done = await work();
      // Read the chain again first: "done" shows with the new state (size, wearing), not before it.
      await load();
      setNotices((current) => ({ ...current, [maskId]: { done } }));
    } catch (caught) {
      setNotices((current) => ({ ...current, [maskId]: { error: errorInWords(caught) } }));
    } finally {
      setBusy(null);
    }
  };

  const chain = registry && service ? { rpcUrl: config.rpcUrl, chainId: config.chainId, registry, service } : null;

  const join = (view: MaskView) =>
    act(view.mask.id, 'join', async () => {
      if (!wallet || !chain || !pod) throw new Error('Unlock the wallet first.');
      await runMaskJob({
        type: 'join',
        chain,
        maskId: view.mask.id,
        holderSecret: wallet.holderSecret.toString(),
        ...(view.mask.admission ? { credentials: pod.credentials.items.map((entry) => entry.value) } : {}),
      });
      const mask = maskDefinitionOfChainMask(view.mask);
      await writeJsonDocument({
        url: maskMembershipUrl({ podUrl: pod.podUrl, maskId: mask.id }),
        data: membershipOnJoin({ holderSecret: wallet.holderSecret, mask }),
        fetch: session.fetch,
      });
      return `You now wear “${view.mask.name}”.`;
    });

  const contribute = (view: MaskView, interests: string[]) =>
    act(view.mask.id, 'contribute', async () => {
      if (!wallet || !chain || !pod) throw new Error('Unlock the wallet first.');
      const epoch = Math.floor(Date.now() / 1000 / view.mask.epochSeconds);
      // Refused before proving: the pod remembers this period's contribution.
      if (view.membership?.value.contributions.some((entry) => entry.epoch === epoch)) {
        throw new MaskAlreadyContributedError(`You already contributed to “${view.mask.name}” this period.`, {
          hint: 'A member counts once per period; contribute again in the next one.',
        });
      }
      const signal = { interests: [...new Set(interests)].sort(), actions: [] };
      const done = await runMaskJob({
        type: 'contribute',
        chain,
        maskId: view.mask.id,
        holderSecret: wallet.holderSecret.toString(),
        signal,
        send: true,
      });
      await updateMembership(
        { podUrl: pod.podUrl, view, holderSecret: wallet.holderSecret, fetch: session.fetch },
        (membership) => membershipAfterContribution({ membership, epoch: done.epoch ?? epoch, signal }),
      );
      return `Counted for this period: ${signal.interests.join(', ')}.`;
    });

  const answer = (view: MaskView, signed: SignedMaskRequest) =>
    act(view.mask.id, 'answer', async () => {
      if (!wallet || !chain) throw new Error('Unlock the wallet first.');
      if (!pod) throw new Error('The pod is not read yet.');
      // A paying request binds this shop's own reward address (never the wallet's other ones),
      // kept in the pod's list so the Rewards screen counts its balance.
      const merchant = signed.request.merchant;
      const recipient = signed.request.reward
        ? rewardAddressFor({ holderSecret: wallet.holderSecret, merchantAddress: merchant.address })
        : null;
      if (recipient) {
        await rememberRewardAccounts({
          podUrl: pod.podUrl,
          fetch: session.fetch,
          accounts: [{ merchant: { name: merchant.name, address: merchant.address }, address: recipient }],
        }).catch(() => {});
      }
      let answeredBefore = false;
      try {
        await runMaskJob({
          type: 'answer',
          chain,
          holderSecret: wallet.holderSecret.toString(),
          signedRequest: signed,
          recipient,
        });
      } catch (caught) {
        // The board already holds this member's answer (say, from another device, or a pod write
        // that failed): it is answered, so the pod records it as answered.
        if ((caught as { code?: unknown }).code !== 'NULLIFIER_REUSED') throw caught;
        answeredBefore = true;
      }
      await updateMembership(
        { podUrl: pod.podUrl, view, holderSecret: wallet.holderSecret, fetch: session.fetch },
        (membership) =>
          membershipAfterAnswer({
            membership,
            signedRequest: signed,
            recipient,
            nowSeconds: Math.floor(Date.now() / 1000),
          }),
      );
      return answeredBefore
        ? `You had already answered ${signed.request.merchant.name} as a member of “${view.mask.name}”.`
        : `You answered ${signed.request.merchant.name} as a member of “${view.mask.name}”.`;
    });

  const leave = (view: MaskView) =>
    act(view.mask.id, 'leave', async () => {
      if (!wallet || !chain) throw new Error('Unlock the wallet first.');
      const provider = new JsonRpcProvider(chain.rpcUrl, chain.chainId, { staticNetwork: true });
      try {
        await relayMaskLeave({
          service: chain.service,
          provider,
          registry: chain.registry,
          maskId: view.mask.id,
          holderSecret: wallet.holderSecret,
        });
      } finally {
        provider.destroy();
      }
      return `You no longer wear “${view.mask.name}”.`;
    });

  return (
    <section aria-labelledby="masks-heading" id="masks" data-testid="masks-screen">
      <h2 id="masks-heading">Masks</h2>
      <p className="muted">
        A mask is a persona many people share (“New cyclist”, “Christmas shopping”). What you do under a mask adds to
        the mask’s profile, never to yours.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {!registry ? <Notice>This chain has no mask registry.</Notice> : null}
      {registry && !service ? <Notice>No mask relayer is configured: you can look, not join.</Notice> : null}
      {!wallet ? <Notice>Unlock your wallet to join or wear a mask.</Notice> : null}
      {views?.length === 0 ? <Notice testId="masks-empty">No masks yet.</Notice> : null}
      <CardList>
        {(views ?? []).map((view) => {
          const { mask } = view;
          const notice = notices[mask.id];
          const working = busy?.endsWith(`:${mask.id}`) ?? false;
          const admission = admissionInWords(mask);
          const epoch = Math.floor(Date.now() / 1000 / mask.epochSeconds);
          const contributedNow = view.membership?.value.contributions.some((entry) => entry.epoch === epoch) ?? false;
          return (
            <Card
              as="li"
              key={mask.id}
              title={mask.name}
              data-testid="mask-item"
              data-mask-id={mask.id}
              data-wearing={view.wearing}
            >
              <p>{mask.description}</p>
              <p className="muted">
                {mask.tags.length ? `About: ${mask.tags.join(', ')}. ` : ''}
                <span data-testid="mask-size">
                  {mask.members} {mask.members === 1 ? 'member' : 'members'}
                </span>
                ; profiles shown from {mask.k} contributors.
              </p>
              {admission ? <p data-testid="mask-admission">To join, you prove: {admission}.</p> : null}
              <p>What wearing it reveals:</p>
              <ul data-testid="mask-reveals">
                {maskRevealsInWords(mask).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {notice?.error ? <ErrorNotice error={notice.error} testId="mask-error" /> : null}
              {notice?.done ? (
                <Notice tone="success" testId="mask-done" role="status">
                  {notice.done}
                </Notice>
              ) : null}
              {working ? <Loading testId="mask-working">Working… (proofs are made on this device)</Loading> : null}
              {wallet && chain && !view.wearing ? (
                <Actions>
                  <Button variant="primary" data-testid="mask-join" busy={working} onClick={() => void join(view)}>
                    {admission ? 'Prove and join' : 'Join'}
                  </Button>
                </Actions>
              ) : null}
              {wallet && chain && view.wearing ? (
                <ContributeForm
                  disabled={working}
                  contributedNow={contributedNow}
                  onContribute={(interests) => void contribute(view, interests)}
                  onLeave={() => void leave(view)}
                  members={mask.members}
                  k={mask.k}
                />
              ) : null}
              {requestRows(view).length ? (
                <div data-testid="mask-requests">
                  <h4>Requests to this mask’s members</h4>
                  <ul>
                    {requestRows(view).map((row) => {
                      const expired = row.expiresAt <= nowSeconds;
                      return (
                        <li
                          key={row.id}
                          data-testid="mask-request"
                          data-request-id={row.id}
                          data-state={expired ? 'expired' : row.answer ? 'answered' : 'open'}
                        >
                          <p>
                            <strong>{row.merchantName}</strong> asks: {row.purpose}
                            {row.rewarded ? ' (it pays a reward)' : ''}
                          </p>
                          {row.answer ? (
                            <>
                              <p data-testid="mask-request-answered">
                                Answered on {formatUnixTime(Date.parse(row.answer.answeredAt) / 1000)}.{' '}
                                {answerProvedInWords({ maskName: mask.name, record: row.answer })}
                              </p>
                              {/* Only the shop the signed request names is asked, and only after answering:
                                  it learns what the answer told it, that a wearer of this mask is here. */}
                              {row.offers && !expired ? (
                                <OfferForContext
                                  service={row.offers}
                                  merchantName={row.merchantName}
                                  context={{ maskId: view.mask.id }}
                                />
                              ) : null}
                            </>
                          ) : null}
                          {expired ? (
                            <p className="muted" data-testid="mask-request-expired">
                              This request expired on {formatUnixTime(row.expiresAt)}
                              {row.answer ? '; its offer is no longer shown.' : ': it can no longer be answered.'}
                            </p>
                          ) : null}
                          {!row.answer && !expired && row.signed ? (
                            <Button
                              data-testid="mask-answer"
                              busy={working}
                              onClick={() => row.signed && void answer(view, row.signed)}
                            >
                              Answer as a member
                            </Button>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ) : null}
            </Card>
          );
        })}
      </CardList>
    </section>
  );
}

/**
 * Changes the membership document as the pod has it now (another device may have written since this
 * screen read it; none yet: as on joining), so no contribution or answer is lost.
 */
async function updateMembership(
  at: { podUrl: string; view: MaskView; holderSecret: bigint; fetch: typeof globalThis.fetch },
  change: (membership: MaskMembership) => MaskMembership,
): Promise<void> {
  const mask = maskDefinitionOfChainMask(at.view.mask);
  const url = maskMembershipUrl({ podUrl: at.podUrl, maskId: mask.id });
  let latest: MaskMembership | null = null;
  try {
    latest = parseMaskMembership(await readJsonDocument({ url, fetch: at.fetch }));
  } catch (caught) {
    if (!(caught instanceof PodError && caught.status === 404)) throw caught;
  }
  const membership = latest ?? membershipOnJoin({ holderSecret: at.holderSecret, mask });
  await writeJsonDocument({ url, data: change(membership), fetch: at.fetch });
}

function ContributeForm(props: {
  disabled: boolean;
  contributedNow: boolean;
  members: number;
  k: number;
  onContribute: (interests: string[]) => void;
  onLeave: () => void;
}) {
  const [text, setText] = useState('');
  const interests = text
    .split(/[\s,]+/)
    .map((label) => label.trim().toLowerCase())
    .filter(Boolean);
  return (
    <div data-testid="mask-wearing">
      <p>
        You wear this mask.{' '}
        {props.contributedNow ? <span data-testid="mask-contributed">You contributed this period.</span> : null}
        {props.members < props.k ? ` Contributions open once ${props.k} people wear it.` : ''}
      </p>
      <Field label="Interests to add this period (e.g. road-bikes, helmets)">
        {(control) => (
          <input
            {...control}
            data-testid="mask-interests"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <Actions>
        <Button
          variant="primary"
          data-testid="mask-contribute"
          disabled={props.disabled || interests.length === 0}
          onClick={() => props.onContribute(interests)}
        >
          Contribute anonymously
        </Button>
        <Button variant="danger" data-testid="mask-leave" disabled={props.disabled} onClick={props.onLeave}>
          Leave
        </Button>
      </Actions>
    </div>
  );
}
