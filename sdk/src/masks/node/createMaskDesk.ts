// The merchant's mask desk (docs/masks.md § Requests to a mask's members): the masks on the
// registry with their last closed profile, requests to a mask's members signed with the merchant's
// key and posted to the mask service's board, the answers read back and verified here (the board
// is not trusted), and the payout of each verified answer's bound recipient by ERC-20 transfer —
// at most once: the payout row is written before the transfer is sent, its hash after it is mined,
// and a row without a hash (the service stopped in between) is never sent again. The merchant
// service routes /operator/masks… to it; amounts go in and out in tokens ("2.5").
import { formatUnits, getAddress, NonceManager, type Provider, parseUnits, type Signer } from 'ethers';
import { connectRewardToken } from '../../chain/contracts.generated.ts';
import { mined } from '../../chain/mined.ts';
import { ChainError, DecdpError, InvalidInputError, NotFoundError } from '../../errors/index.ts';
import {
  type MaskDesk,
  type MaskDeskProfile,
  type MaskRequestView,
  type MaskView,
  maskRequestBodySchema,
} from '../../protocol/maskDesk.ts';
import type { MerchantStore } from '../../store/merchantStore.ts';
import { type ChainMask, listMasksOnChain, readMaskOnChain, readMaskProfileOnChain } from '../chain/maskRegistry.ts';
import { MaskGroupTooSmallError } from '../errors.ts';
import { postMaskRequest, readMaskAnswers } from '../relayer/maskServiceClient.ts';
import { createMaskRequest, type SignedMaskRequest, verifyMaskAnswer } from '../requests/maskRequest.ts';

export type MaskDeskOptions = {
  store: MerchantStore;
  /** The merchant's key on a provider (a NonceManager shared with its other transactions is fine). */
  signer: Signer;
  provider: Provider;
  /** The name the wallet shows with each request. */
  merchantName: string;
  /** The MaskRegistry. */
  registry: string;
  /** The mask service (its board of mask requests), base URL ending in '/'. */
  service: string;
  /** The ERC-20 that rewarded requests pay in; without it a request cannot be rewarded. */
  rewardToken?: string;
  /** The merchant's offer service (base URL ending in '/'), signed into each request. */
  offers?: string;
  fetch?: typeof fetch;
  /** Unix seconds; default the system clock. */
  now?: () => number;
  /** Told about an answer the desk refused or a board it could not read (the counts stay as they were). */
  onError?: (error: unknown, where: { requestId: string }) => void;
};

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A period in words: "week" for the default epoch. */
function periodOf(epochSeconds: number): string {
  if (epochSeconds === 604_800) return 'week';
  if (epochSeconds === 86_400) return 'day';
  if (epochSeconds === 3_600) return 'hour';
  return `${epochSeconds}-second period`;
}

/** The ask body, refused with the field at fault named as the body names it (maskId, reward.amount). */
function parseAskBody(input: unknown) {
  const result = maskRequestBodySchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : 'body';
  throw new InvalidInputError(`${field}: ${issue?.message ?? 'invalid'}.`, { field });
}

/**
 * @example
 * const desk = createMaskDesk({ store, signer, provider, merchantName: 'Demo Bike Shop', registry, service, rewardToken });
 * await desk.ask({ maskId: 'new-cyclist', purpose: 'Would you test-ride our city bike?', reward: { amount: '2.5' } });
 * await desk.pay(requestId);
 * @since 0.2.0
 */
export function createMaskDesk(options: MaskDeskOptions): MaskDesk {
  const { store, provider, registry } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const board = { service: options.service, ...(options.fetch ? { fetch: options.fetch } : {}) };

  const tokenInfo = new Map<string, Promise<{ symbol: string; decimals: number }>>();
  const tokenOf = (address: string) => {
    let info = tokenInfo.get(address);
    if (!info) {
      const token = connectRewardToken(address, provider);
      info = Promise.all([token.symbol(), token.decimals()]).then(([symbol, decimals]) => ({
        symbol: String(symbol),
        decimals: Number(decimals),
      }));
      info.catch(() => tokenInfo.delete(address));
      tokenInfo.set(address, info);
    }
    return info;
  };
  // A mask's name never changes once registered.
  const maskNames = new Map<string, string>();
  const maskNameOf = async (maskId: string) => {
    const known = maskNames.get(maskId);
    if (known) return known;
    try {
      const { name } = await readMaskOnChain({ provider, registry, maskId });
      maskNames.set(maskId, name);
      return name;
    } catch {
      return maskId;
    }
  };

  const chainSeconds = async () => (await provider.getBlock('latest'))?.timestamp ?? now();

  const maskView = async (mask: ChainMask, chainNow: number): Promise<MaskView> => {
    maskNames.set(mask.id, mask.name);
    const canAsk = mask.members >= mask.k;
    const period = periodOf(mask.epochSeconds);
    const epoch = Math.floor(chainNow / mask.epochSeconds) - 1;
    let profile: MaskDeskProfile | null = null;
    if (canAsk && epoch >= 0) {
      try {
        const read = await readMaskProfileOnChain({ provider, registry, maskId: mask.id, epoch });
        profile = {
          epoch: read.epoch,
          from: read.from,
          to: read.to,
          contributors: read.contributors,
          interests: read.interests,
          actions: read.actions,
        };
      } catch (error) {
        // Below k contributors (or an epoch not closed yet) there is no profile at all.
        const code = error instanceof DecdpError ? error.code : '';
        if (code !== 'MASK_PROFILE_BELOW_K' && code !== 'MASK_EPOCH_OPEN') throw error;
      }
    }
    const profileNote = !canAsk
      ? `Shown once ${mask.k} people wear the mask (${mask.members} now); until then it takes no requests either.`
      : profile
        ? `The last closed ${period}: ${profile.contributors} members contributed; only what ${mask.k} or more of them named is shown.`
        : `Shown once ${mask.k} members have contributed in a closed ${period}.`;
    return {
      maskId: mask.id,
      name: mask.name,
      description: mask.description,
      tags: mask.tags,
      members: mask.members,
      k: mask.k,
      canAsk,
      profile,
      profileNote,
    };
  };

  /**
   * Reads an open request's answers from the board and keeps those that verify here and are new
   * (nullifier and bound recipient only). The board purges answers at expiry: what was kept stays.
   */
  const sync = async (signedRequest: SignedMaskRequest): Promise<void> => {
    const { request } = signedRequest;
    if (request.expiresAt <= now()) return;
    const requestId = request.id;
    let read: unknown[];
    try {
      read = await readMaskAnswers({ ...board, signer: options.signer, requestId, nowSeconds: now() });
    } catch (error) {
      options.onError?.(error, { requestId });
      return;
    }
    const seen = new Set((await store.listSentMaskAnswers(requestId)).map((answer) => answer.nullifier));
    const verified: { nullifier: string; recipient: string | null }[] = [];
    for (const answer of read) {
      const claimed = (answer as { proof?: { nullifier?: unknown } } | null)?.proof?.nullifier;
      if (typeof claimed === 'string' && seen.has(claimed)) continue;
      try {
        const checked = await verifyMaskAnswer({
          provider,
          registry,
          signedRequest,
          answer,
          nowSeconds: now(),
          seenNullifiers: seen,
        });
        seen.add(checked.nullifier);
        verified.push({
          nullifier: checked.nullifier,
          recipient: checked.recipient === null ? null : getAddress(checked.recipient),
        });
      } catch (error) {
        // Not counted (a forged or moved answer, or one the chain could not check now: read again later).
        options.onError?.(error, { requestId });
      }
    }
    await store.saveSentMaskAnswers({ requestId, answers: verified, at: now() });
  };

  const requestView = async (signedRequest: SignedMaskRequest): Promise<MaskRequestView> => {
    const { request } = signedRequest;
    const [answers, payouts, maskName] = await Promise.all([
      store.listSentMaskAnswers(request.id),
      store.listMaskPayouts(request.id),
      maskNameOf(request.maskId),
    ]);
    const reward = request.reward;
    // The token's own symbol and decimals (cached per token): the request may name another token
    // than the service's configured one.
    const token = reward ? await tokenOf(reward.token) : null;
    const decimals = token?.decimals ?? 18;
    const paidRows = payouts.filter((payout) => payout.txHash !== null);
    const started = new Set(payouts.map((payout) => payout.nullifier));
    return {
      id: request.id,
      maskId: request.maskId,
      maskName,
      purpose: request.purpose,
      reward: reward && token ? { amount: formatUnits(reward.amount, decimals), token: reward.token, ...token } : null,
      issuedAt: request.issuedAt,
      expiresAt: request.expiresAt,
      status: request.expiresAt > now() ? 'open' : 'expired',
      answers: answers.length,
      paid: paidRows.length,
      unpaid: reward
        ? answers.filter((answer) => answer.recipient !== null && !started.has(answer.nullifier)).length
        : 0,
      uncertain: payouts.length - paidRows.length,
      paidTokens: formatUnits(
        paidRows.reduce((sum, payout) => sum + BigInt(payout.amount), 0n),
        decimals,
      ),
      payouts: payouts.map((payout) => ({
        recipient: payout.recipient,
        txHash: payout.txHash,
        amount: formatUnits(payout.amount, decimals),
      })),
    };
  };

  const kept = async (id: string): Promise<SignedMaskRequest> => {
    const text = REQUEST_ID.test(id) ? await store.getSentMaskRequest(id) : undefined;
    if (!text) throw new NotFoundError(`This merchant sent no mask request ${id}.`, { field: 'id' });
    return JSON.parse(text) as SignedMaskRequest;
  };

  // One payout run at a time in this process: the merchant's transfers go out in nonce order, and
  // two clicks on "pay" do not race to the chain (the store's key refuses a second row anyway).
  let payouts: Promise<unknown> = Promise.resolve();

  const payOnce = async (id: string) => {
    const signedRequest = await kept(id);
    const { request } = signedRequest;
    const reward = request.reward;
    if (!reward) {
      throw new InvalidInputError('This request pays nothing: there is nobody to pay.', { field: 'reward' });
    }
    await sync(signedRequest);
    const started = new Set((await store.listMaskPayouts(request.id)).map((payout) => payout.nullifier));
    const due = (await store.listSentMaskAnswers(request.id)).filter(
      (answer) => answer.recipient !== null && !started.has(answer.nullifier),
    );
    const token = connectRewardToken(reward.token, options.signer);
    const sent: { recipient: string; txHash: string }[] = [];
    for (const answer of due) {
      const recipient = getAddress(answer.recipient as string);
      // Simulated first: a transfer that would revert (not enough tokens) writes no row.
      try {
        await token.transfer.staticCall(recipient, reward.amount);
      } catch (cause) {
        throw new ChainError('The payout transfer would fail: does the merchant hold enough of the reward token?', {
          cause,
          hint: `${sent.length} of ${due.length} paid; the rest stay unpaid and can be paid later.`,
        });
      }
      const written = await store.startMaskPayout({
        requestId: request.id,
        nullifier: answer.nullifier,
        recipient,
        token: reward.token,
        amount: reward.amount,
        at: now(),
      });
      if (!written) continue;
      // From here on the outcome may be unknown: the row stays without a hash ("uncertain") unless
      // the mined transfer is recorded, and is never sent again by the desk.
      let txHash: string;
      try {
        const receipt = await mined(token.transfer(recipient, reward.amount));
        txHash = receipt.hash;
      } catch (cause) {
        if (options.signer instanceof NonceManager) options.signer.reset();
        throw new ChainError('A payout transfer failed after it was recorded as sent: it is marked uncertain.', {
          cause,
          hint: 'Check the chain for a transfer to this recipient before paying it by hand.',
        });
      }
      await store.finishMaskPayout({ requestId: request.id, nullifier: answer.nullifier, txHash, at: now() });
      sent.push({ recipient, txHash });
    }
    return { request: await requestView(signedRequest), sent };
  };

  return {
    async masks() {
      const [masks, chainNow] = await Promise.all([listMasksOnChain({ provider, registry }), chainSeconds()]);
      return Promise.all(masks.map((mask) => maskView(mask, chainNow)));
    },
    async ask(input) {
      const body = parseAskBody(input);
      const mask = await readMaskOnChain({ provider, registry, maskId: body.maskId }).catch((error: unknown) => {
        if (error instanceof NotFoundError) {
          throw new NotFoundError(`There is no mask ${body.maskId} on the registry.`, { field: 'maskId' });
        }
        throw error;
      });
      if (mask.members < mask.k) {
        throw new MaskGroupTooSmallError(
          `Mask ${mask.id} has ${mask.members} members; a request waits until ${mask.k} wear it, so no answer singles anyone out.`,
          { field: 'maskId' },
        );
      }
      let reward: { token: string; amount: bigint } | undefined;
      if (body.reward) {
        if (!options.rewardToken) {
          throw new InvalidInputError('This service has no reward token: send the request without a reward.', {
            field: 'reward',
          });
        }
        const { decimals } = await tokenOf(options.rewardToken);
        try {
          reward = { token: options.rewardToken, amount: parseUnits(body.reward.amount, decimals) };
        } catch (cause) {
          throw new InvalidInputError(`Not an amount of the reward token (${decimals} decimals).`, {
            field: 'reward.amount',
            cause,
          });
        }
      }
      const signedRequest = await createMaskRequest({
        signer: options.signer,
        merchantName: options.merchantName,
        maskId: mask.id,
        purpose: body.purpose,
        ...(reward ? { reward } : {}),
        ...(options.offers ? { offers: options.offers } : {}),
        nowSeconds: now(),
        ttlSeconds: (body.hours ?? 24) * 3_600,
      });
      await postMaskRequest({ ...board, signedRequest });
      await store.saveSentMaskRequest({
        id: signedRequest.request.id,
        maskId: mask.id,
        signed: JSON.stringify(signedRequest),
        expiresAt: signedRequest.request.expiresAt,
        at: now(),
      });
      return requestView(signedRequest);
    },
    async requests() {
      const all = (await store.listSentMaskRequests()).map((row) => JSON.parse(row.signed) as SignedMaskRequest);
      await Promise.all(all.map(sync));
      return Promise.all(all.map(requestView));
    },
    pay(id) {
      const run = payouts.then(() => payOnce(id));
      payouts = run.catch(() => {});
      return run;
    },
  };
}
