import { type CallExceptionError, Interface, makeError } from 'ethers';
import { describe, expect, it } from 'vitest';
import { ChainError } from '../errors/index.ts';
import { poolInterface, tokenInterface } from './campaigns.ts';
import { IssuerRegistry } from './contracts.generated.ts';
import { CHAIN_ERROR_CODES, decodeChainError } from './decodeChainError.ts';

function revert(data: string): CallExceptionError {
  return makeError('execution reverted', 'CALL_EXCEPTION', {
    action: 'call',
    data,
    reason: null,
    transaction: { to: null, data: '0x' },
    invocation: null,
    revert: null,
  }) as CallExceptionError;
}

describe('decodeChainError', () => {
  it('names the custom error, its arguments and the DeCDP code', () => {
    const data = poolInterface.encodeErrorResult('NullifierUsed', [42n]);
    const error = decodeChainError(revert(data), poolInterface, 'Claiming the reward');
    expect(error).toBeInstanceOf(ChainError);
    expect(error.code).toBe('NULLIFIER_REUSED');
    expect(error.errorName).toBe('NullifierUsed');
    expect(error.args).toEqual([42n]);
    expect(error.shortMessage).toBe('Claiming the reward was refused by the contract: NullifierUsed.');
    expect(error.hint).toMatch(/already claimed/);
  });

  it('names the field of an invalid campaign parameter', () => {
    const data = poolInterface.encodeErrorResult('InvalidCampaignParameter', ['budget']);
    const error = decodeChainError(revert(data), poolInterface, 'Creating the campaign');
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('budget');
  });

  it('tries every interface given (the token the pool pulls from)', () => {
    const data = tokenInterface.encodeErrorResult('ERC20InsufficientAllowance', [
      '0x0000000000000000000000000000000000000001',
      1n,
      2n,
    ]);
    const error = decodeChainError(revert(data), [poolInterface, tokenInterface], 'Creating the campaign');
    expect(error.errorName).toBe('ERC20InsufficientAllowance');
    expect(error.code).toBe('INSUFFICIENT_FUNDS');
  });

  it('keeps CHAIN_ERROR for unknown revert data and other failures', () => {
    const unknown = decodeChainError(revert('0xdeadbeef'), poolInterface, 'Claiming');
    expect(unknown.code).toBe('CHAIN_ERROR');
    expect(unknown.errorName).toBeUndefined();
    const offline = decodeChainError(new Error('connect ECONNREFUSED\nmore'), poolInterface, 'Claiming');
    expect(offline.shortMessage).toBe('Claiming failed: connect ECONNREFUSED');
  });

  it('maps only errors the contracts declare', () => {
    const declared = new Set<string>();
    for (const contract of [poolInterface, tokenInterface, new Interface(IssuerRegistry.abi as never)]) {
      contract.forEachError((error) => declared.add(error.name));
    }
    for (const name of Object.keys(CHAIN_ERROR_CODES)) expect(declared.has(name), name).toBe(true);
  });
});
