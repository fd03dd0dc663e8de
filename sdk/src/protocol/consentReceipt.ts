// The person's record of an answer, kept in their pod (Kantara consent-receipt fields).
import { z } from 'zod';
import { parseWith } from './parse.ts';

export const consentReceiptSchema = z
  .object({
    version: z.literal(1),
    id: z.string().min(1).max(100),
    requestId: z.string().min(1).max(64),
    merchant: z.object({ name: z.string(), address: z.string(), requestEndpoint: z.string() }).strict(),
    /** What was revealed, in words ("age ≥ 18"). */
    predicates: z.array(z.string()),
    purpose: z.object({ code: z.string(), text: z.string() }).strict(),
    retentionDays: z.number().int().positive(),
    proofHash: z.string(),
    pseudonym: z.string(),
    /** ISO time the merchant recorded the answer. */
    createdAt: z.string(),
    /** The merchant's light-record id, the reference for revocation. */
    recordId: z.number().int().nonnegative(),
    reward: z.object({ amount: z.string(), token: z.string(), txHash: z.string().nullable() }).strict().nullable(),
    status: z.enum(['active', 'revoked']),
    revokedAt: z.string().nullable(),
  })
  .strict();

export type ConsentReceipt = z.output<typeof consentReceiptSchema>;

export function parseConsentReceipt(input: unknown): ConsentReceipt {
  return parseWith(consentReceiptSchema, input, 'receipt');
}

/**
 * The id of the consent receipt the wallet keeps for an answer, which the merchant's light record
 * names as its reference: deterministic (a duplicate answer overwrites, never piles up), and
 * without the pod's address (which could identify the person).
 * @since 0.2.0
 */
export function consentReceiptIdOf(params: { merchantAddress: string; requestId: string; recordId: number }): string {
  return `${params.merchantAddress.slice(2, 10).toLowerCase()}-${params.requestId}-${params.recordId}`;
}
