// The agent's durable journal: one JSON line per step of each request, written and fsync'ed
// before the step's effect is relied on, so a restart knows exactly where every request stands.
// A proof is journaled (with the Idempotency-Key it is sent with) before it is sent: after a crash
// the same bundle goes out again with the same key, and the merchant answers the first answer
// again instead of recording a second one. Nothing secret is journaled (proofs, public signals
// and ids only). A torn last line (a crash mid-write) is ignored.
import { open, readFile } from 'node:fs/promises';
import type { ProofBundle } from '../../protocol/proofBundle.ts';
import type { SignedRequest } from '../../protocol/request.ts';
import type { RecordedAnswer } from '../buildConsentReceipt.ts';

export type JournalStep =
  /** The policies do not cover it: left for the person (decided again when the policies change). */
  | { step: 'waiting'; reason: string }
  /** Proved; not yet known to have reached the merchant. */
  | { step: 'proved'; bundle: ProofBundle; idempotencyKey: string; policyIds: string[]; reason: string }
  /** The merchant recorded the answer; receipt and log may still be missing. */
  | {
      step: 'answered';
      answer: RecordedAnswer & { rewardError?: { code: string; message: string } };
      bundle: ProofBundle;
      policyIds: string[];
      reason: string;
    }
  /** Denied by a policy, receipt and log written. */
  | { step: 'denied'; policyIds: string[]; reason: string }
  /** Answered, receipt and log written; `unpaid` when the merchant could not relay the reward (claimed later). */
  | {
      step: 'done';
      recordId: number;
      /** `signedRequest`: the inbox document is deleted once answered, the claim still needs it. */
      unpaid?: { bundle: ProofBundle; answer: RecordedAnswer; signedRequest?: SignedRequest };
    }
  /** The unpaid reward was claimed (POST /claims), or the chain says it was already paid. */
  | { step: 'claimed'; txHash: string | null }
  /** Refused for good (by the merchant or a check); left for the person. */
  | { step: 'failed'; code: string; message: string };

export type JournalEntry = JournalStep & { requestId: string; at: string };

export type AgentJournal = {
  latest(requestId: string): JournalEntry | undefined;
  /** The latest step of every request journaled. */
  entries(): IterableIterator<JournalEntry>;
  append(requestId: string, step: JournalStep): Promise<void>;
  close(): Promise<void>;
};

export async function openAgentJournal(path: string): Promise<AgentJournal> {
  const latest = new Map<string, JournalEntry>();
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (typeof entry.requestId === 'string' && typeof entry.step === 'string') latest.set(entry.requestId, entry);
    } catch {
      // The torn last line of a crash: that step never happened.
    }
  }
  // Owner-only: the journal names the merchants the person answered.
  const file = await open(path, 'a', 0o600);
  if (text && !text.endsWith('\n')) await file.write('\n');
  return {
    latest: (requestId) => latest.get(requestId),
    entries: () => latest.values(),
    async append(requestId, step) {
      const entry = { ...step, requestId, at: new Date().toISOString() } as JournalEntry;
      await file.write(`${JSON.stringify(entry)}\n`);
      await file.sync();
      latest.set(requestId, entry);
    },
    close: () => file.close(),
  };
}
