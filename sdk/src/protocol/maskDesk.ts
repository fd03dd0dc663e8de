// The merchant's mask desk as its service, CLI and page exchange it (docs/masks.md § Requests to a
// mask's members): what the operator sends to ask a mask's members, and how masks and requests are
// shown. The desk itself (createMaskDesk, @decdp/sdk/masks/node) is the masks role's; the merchant
// service only routes to it, so both meet here, below the roles.
import { z } from 'zod';
import { tokenAmount } from './fields.ts';

/** POST /operator/mask-requests: ask a mask's members. */
export const maskRequestBodySchema = z
  .object({
    maskId: z.string().regex(/^[a-z0-9-]{3,64}$/, 'must be a mask id (3–64 of a-z, 0-9, -)'),
    /** What the merchant asks, in the words the wallet shows. */
    purpose: z.string().trim().min(1).max(500),
    /** Tokens paid per verified answer, in the service's reward token; absent: unrewarded. */
    reward: z.object({ amount: tokenAmount }).strict().optional(),
    /** How long members may answer; default 24. */
    hours: z.number().int().min(1).max(720).optional(),
  })
  .strict();

export type MaskRequestBody = z.input<typeof maskRequestBodySchema>;

/** How many contributors named a label. */
export type MaskProfileCount = { label: string; count: number };

/**
 * A closed epoch's aggregate profile, k contributors or more, labels named by k or more: what the
 * desk shows of a mask, and the counts part of the masks role's MaskProfile.
 */
export type MaskDeskProfile = {
  epoch: number;
  /** Unix seconds [from, to) of the epoch. */
  from: number;
  to: number;
  /** Members who contributed in the epoch (at least k, or there is no profile). */
  contributors: number;
  /** Labels named by at least k contributors, most named first; the rest are not shown at all. */
  interests: MaskProfileCount[];
  actions: MaskProfileCount[];
};

/** A mask as the merchant sees it: public on-chain facts and, once there is one, its last closed profile. */
export type MaskView = {
  maskId: string;
  name: string;
  description: string;
  tags: string[];
  members: number;
  k: number;
  /** members ≥ k: a request to it can be answered. */
  canAsk: boolean;
  profile: MaskDeskProfile | null;
  /** Why the profile is (not) shown, in plain words. */
  profileNote: string;
};

/** A request the merchant sent to a mask's members, with its verified answers and payouts. */
export type MaskRequestView = {
  id: string;
  maskId: string;
  maskName: string;
  purpose: string;
  /**
   * Tokens per answer, the token's address and its own `symbol()` and `decimals()` (read from the
   * token, once per token); null for an unrewarded request.
   */
  reward: { amount: string; token: string; symbol: string; decimals: number } | null;
  /** Unix seconds. */
  issuedAt: number;
  expiresAt: number;
  status: 'open' | 'expired';
  /** Answers the merchant verified itself (the board is not trusted). */
  answers: number;
  /** Verified, rewarded answers whose recipient was paid (transaction mined). */
  paid: number;
  /** Verified, rewarded answers not paid yet. */
  unpaid: number;
  /** Payouts sent whose outcome is unknown (the service stopped between sending and recording): never re-sent. */
  uncertain: number;
  /** Tokens paid, in all. */
  paidTokens: string;
  /** Each payout started, oldest first, as the store keeps it (so a page reload still lists the transfers). */
  payouts: MaskPayoutView[];
};

/** One payout of a mask request's answer: txHash null = uncertain (sent, outcome not recorded; never re-sent). */
export type MaskPayoutView = { recipient: string; txHash: string | null; amount: string };

/** POST /operator/mask-requests/:id/payouts answers this. */
export type MaskPayoutResult = { request: MaskRequestView; sent: { recipient: string; txHash: string }[] };

/** What the merchant service routes to (createMaskDesk makes one). */
export type MaskDesk = {
  /** Every mask on the registry. */
  masks(): Promise<MaskView[]>;
  /** Signs a request to a mask's members and posts it to the mask service's board. */
  ask(body: unknown): Promise<MaskRequestView>;
  /** The merchant's requests, newest first, with the answers read (and verified) so far. */
  requests(): Promise<MaskRequestView[]>;
  /** Pays each verified, unpaid answer's bound recipient; at most once each. */
  pay(requestId: string): Promise<MaskPayoutResult>;
};
