// The message a merchant signs (EIP-191) to read its mask request's answers from the mask service.
import { keccak256, toUtf8Bytes } from 'ethers';

/** keccak256("decdp:mask-answers:v1:<request id>:<unix seconds>"): valid for five minutes around `timestamp`. */
export function maskAnswersReadMessage(params: { requestId: string; timestamp: number }): string {
  return keccak256(toUtf8Bytes(`decdp:mask-answers:v1:${params.requestId}:${params.timestamp}`));
}
