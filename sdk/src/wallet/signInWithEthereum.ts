// The EIP-4361 message an issuer's Ethereum source asks the person to sign (`siwe` builds the
// exact text); the person's Ethereum wallet signs it (personal_sign), nothing is sent on-chain.
import { SiweMessage } from 'siwe';
import { InvalidInputError } from '../errors/index.ts';
import type { AuthenticationStart } from '../protocol/issuance.ts';

/**
 * The message text to sign for `address`, from the issuer's `siwe` authentication step.
 * @since 0.2.0
 */
export function siweMessageFor(params: { authentication: AuthenticationStart; address: string }): string {
  const step = params.authentication;
  if (step.kind !== 'siwe') {
    throw new InvalidInputError('This source does not ask for Sign-In with Ethereum.', {
      field: 'authentication.kind',
    });
  }
  return new SiweMessage({
    domain: step.domain,
    address: params.address,
    statement: step.statement,
    uri: step.uri,
    version: '1',
    chainId: step.chainId,
    nonce: step.nonce,
    issuedAt: step.issuedAt,
    expirationTime: step.expirationTime,
  }).prepareMessage();
}
