// The issuer keeps no copy of what it issued, only this log: which credential (id), for which
// subject commitment, which attribute, from which source, when and until when. No value.
import { appendFile, readFile } from 'node:fs/promises';

export type IssuanceLogEntry = {
  credentialId: string;
  subjectCommitment: string;
  attribute: string;
  source: string;
  issuerKeyHash: string;
  issuedAt: number;
  expiresAt: number;
};

export type IssuanceLog = {
  append(entries: readonly IssuanceLogEntry[]): Promise<void>;
  list(): Promise<IssuanceLogEntry[]>;
};

/** @since 0.2.0 */
export function createMemoryIssuanceLog(): IssuanceLog {
  const entries: IssuanceLogEntry[] = [];
  return {
    append: async (more) => {
      entries.push(...more);
    },
    list: async () => [...entries],
  };
}

/**
 * One JSON line per credential, appended; a crash mid-write loses at most the last line.
 * @since 0.2.0
 */
export function createFileIssuanceLog(path: string): IssuanceLog {
  return {
    append: async (entries) => {
      if (entries.length === 0) return;
      await appendFile(path, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
    },
    list: async () => {
      const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as IssuanceLogEntry);
    },
  };
}
