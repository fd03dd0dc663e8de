import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.ts';
import { parseDeployment } from './deployContracts.ts';

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

describe('parseDeployment', () => {
  it('accepts a deployment file', () => {
    const file = {
      chainId: 31337,
      verifier: address(1),
      token: address(2),
      registry: address(3),
      pool: address(4),
      fromBlock: 1,
    };
    expect(parseDeployment(file)).toEqual(file);
  });

  it('names the field at fault', () => {
    const bad = {
      chainId: 31337,
      verifier: 'nope',
      token: address(2),
      registry: address(3),
      pool: address(4),
      fromBlock: 1,
    };
    expect(() => parseDeployment(bad)).toThrow(InvalidInputError);
    expect(() => parseDeployment(bad)).toThrow(/'verifier'/);
    expect(() => parseDeployment({ ...bad, verifier: address(1), chainId: -1 })).toThrow(/'chainId'/);
  });
});
