import { type Interface, isCallException } from 'ethers';
import { ChainError, type DecdpErrorCode } from '../errors/index.ts';

/**
 * The DeCDP error code of each custom Solidity error of RewardPool and IssuerRegistry (and the
 * OpenZeppelin errors they raise). Callers switch on `error.code` (stable) or `error.errorName`
 * (the Solidity name); anything not listed stays CHAIN_ERROR.
 */
export const CHAIN_ERROR_CODES: Readonly<Record<string, DecdpErrorCode>> = {
  // claims
  NullifierUsed: 'NULLIFIER_REUSED',
  IssuerNotTrusted: 'ISSUER_NOT_TRUSTED',
  InvalidProof: 'PROOF_INVALID',
  StatementNotInCampaign: 'PROOF_MISMATCH',
  ProofTooOld: 'PROOF_MISMATCH',
  ProofFromFuture: 'PROOF_MISMATCH',
  InvalidRecipient: 'PROOF_MISMATCH',
  InvalidBatch: 'INVALID_INPUT',
  // campaigns
  CampaignNotFound: 'CAMPAIGN_NOT_FOUND',
  CampaignNotActive: 'CAMPAIGN_NOT_ACTIVE',
  CampaignIsPaused: 'CAMPAIGN_PAUSED',
  CampaignNotPaused: 'CAMPAIGN_NOT_PAUSED',
  CampaignEnded: 'CAMPAIGN_NOT_ACTIVE',
  CampaignNotEnded: 'CAMPAIGN_NOT_ENDED',
  BudgetExhausted: 'BUDGET_EXHAUSTED',
  InvalidCampaignParameter: 'INVALID_INPUT',
  StatementTaken: 'INVALID_INPUT',
  ScopeTaken: 'INVALID_INPUT',
  // issuers
  InvalidKey: 'INVALID_INPUT',
  EmptyIssuerName: 'INVALID_INPUT',
  InvalidAdmin: 'INVALID_INPUT',
  GraceTooLong: 'INVALID_INPUT',
  KeyAlreadyRegistered: 'INVALID_INPUT',
  KeyAlreadyRevoked: 'ISSUER_NOT_TRUSTED',
  KeyNotRegistered: 'NOT_FOUND',
  IssuerNotFound: 'NOT_FOUND',
  // who may do what
  NotCampaignCreator: 'NOT_AUTHORIZED',
  NotIssuerAdmin: 'NOT_AUTHORIZED',
  OwnableUnauthorizedAccount: 'NOT_AUTHORIZED',
  // tokens (OpenZeppelin ERC-20)
  ERC20InsufficientAllowance: 'INSUFFICIENT_FUNDS',
  ERC20InsufficientBalance: 'INSUFFICIENT_FUNDS',
};

/** The hint shown with each code, where there is something to do about it. */
const HINTS: Readonly<Record<string, string>> = {
  NULLIFIER_REUSED: 'This person already claimed in this campaign; nothing more is owed.',
  PROOF_MISMATCH: 'Prove again for this campaign (fresh time, the campaign statement, a recipient).',
  PROOF_INVALID: 'Verify the proof off-chain first; in a batch, one bad proof rejects the whole batch.',
  CAMPAIGN_NOT_ACTIVE: 'Check the campaign window (readCampaign).',
  CAMPAIGN_PAUSED: 'The campaign creator paused it; try again after unpause.',
  BUDGET_EXHAUSTED: 'The creator can top the campaign up (topUpCampaign).',
  INSUFFICIENT_FUNDS: 'Approve and hold enough tokens before funding.',
};

/**
 * Turns a revert into a ChainError naming the custom Solidity error (e.g. `NullifierUsed`), with
 * its arguments and the DeCDP code it maps to (CHAIN_ERROR_CODES). Pass every contract interface
 * the call may revert through (the pool, the token it pulls from).
 */
export function decodeChainError(
  error: unknown,
  contracts: Interface | readonly Interface[],
  action: string,
): ChainError {
  const interfaces = Array.isArray(contracts) ? contracts : [contracts as Interface];
  if (isCallException(error) && error.data) {
    for (const contract of interfaces) {
      const parsed = contract.parseError(error.data);
      if (!parsed) continue;
      const code = CHAIN_ERROR_CODES[parsed.name] ?? 'CHAIN_ERROR';
      const args = [...parsed.args];
      const field = parsed.name === 'InvalidCampaignParameter' ? String(args[0]) : undefined;
      const hint = HINTS[code];
      return new ChainError(`${action} was refused by the contract: ${parsed.name}.`, {
        errorName: parsed.name,
        code,
        args,
        details: args.length ? [`Arguments: ${args.map(String).join(', ')}`] : [],
        ...(field ? { field } : {}),
        ...(hint ? { hint } : {}),
        cause: error,
      });
    }
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ChainError(`${action} failed: ${message}`, { cause: error });
}
