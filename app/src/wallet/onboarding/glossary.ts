// The words the wallet uses, each in plain language: shown in the glossary, opened from any term.
export type GlossaryEntry = { id: string; term: string; words: string };

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'pod',
    term: 'Pod',
    words:
      'Your own online storage (a Solid pod). Your credentials, answers and settings live there, not with the merchants. You choose who may read it; by default only you.',
  },
  {
    id: 'credential',
    term: 'Credential',
    words:
      'A signed statement about you, such as "age 34" from your bank. It stays in your pod; merchants never see it.',
  },
  {
    id: 'proof',
    term: 'Proof',
    words:
      'A short piece of mathematics your wallet makes on this device. It convinces a merchant that something about you is true ("18 or older") without showing the credential or the value.',
  },
  {
    id: 'pseudonym',
    term: 'Pseudonym',
    words:
      'The number a merchant knows you by. Each merchant gets a different one, so merchants cannot put their records about you together.',
  },
  {
    id: 'reward-token',
    term: 'Reward token',
    words:
      'What merchants pay you for an answer: tokens on a blockchain, sent to your reward address. The merchant pays the fee; you need no money to receive them.',
  },
  {
    id: 'reward-address',
    term: 'Reward address',
    words:
      'Where your reward tokens arrive. Each shop pays a different address of yours, so shops cannot tell that the rewards go to the same person; all of them come from your recovery phrase.',
  },
  {
    id: 'recovery-phrase',
    term: 'Recovery phrase',
    words:
      'Twelve words that are your wallet. With them you can unlock it on another device; without them nobody can, not even us. Write them down and keep them private.',
  },
  {
    id: 'webid',
    term: 'WebID',
    words: 'The web address that names you on your Solid server; you log in with it. Merchants never see it.',
  },
];

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((entry) => entry.id === id);
}
