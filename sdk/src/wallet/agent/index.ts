// @decdp/sdk/wallet/agent (Node only): the wallet agent — standing policies answering while the
// person is away (docs/agent.md). The CLI is `decdp-wallet-agent` (cli.ts).

export * from './agentControl.ts';
export { type AgentJournal, type JournalEntry, openAgentJournal } from './agentJournal.ts';
export {
  type AgentSecrets,
  type AgentSetup,
  agentSetupSchema,
  createAgentSetup,
  openAgentSetup,
  parseAgentSetup,
} from './agentSetup.ts';
export { answerRequestAsAgent } from './answerRequestAsAgent.ts';
export { startWalletAgent, type WalletAgent, type WalletAgentOptions } from './runWalletAgent.ts';
