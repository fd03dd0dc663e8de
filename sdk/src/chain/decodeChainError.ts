import { type Interface, isCallException } from 'ethers';
import { ChainError } from '../errors/index.ts';

/** Turns a revert into a ChainError naming the custom Solidity error, e.g. `NullifierUsed`. */
export function decodeChainError(error: unknown, contract: Interface, action: string): ChainError {
  if (isCallException(error) && error.data) {
    const parsed = contract.parseError(error.data);
    if (parsed) {
      return new ChainError(`${action} was refused by the contract: ${parsed.name}.`, {
        errorName: parsed.name,
        details: parsed.args.length ? [`Arguments: ${parsed.args.map(String).join(', ')}`] : [],
        cause: error,
      });
    }
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new ChainError(`${action} failed: ${message}`, { cause: error });
}
