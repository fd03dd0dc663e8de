// Who signed a digest (EIP-191): the one place a signature that cannot be read becomes a typed
// error naming the field, so every signed shape (request, link request, deletion confirmation)
// answers a garbled signature the same way.
import { getBytes, verifyMessage } from 'ethers';
import { SignatureInvalidError } from '../errors/index.ts';

export function recoverSigner(params: {
  /** 0x-hex digest that was signed (its bytes, not its text). */
  digest: string;
  signature: string;
  /** The signature's field in the input, for the error. */
  field: string;
  /** What was signed, in words: "request", "deletion confirmation". */
  what: string;
}): string {
  try {
    return verifyMessage(getBytes(params.digest), params.signature);
  } catch (cause) {
    throw new SignatureInvalidError(`The ${params.what} signature cannot be read.`, { field: params.field, cause });
  }
}
