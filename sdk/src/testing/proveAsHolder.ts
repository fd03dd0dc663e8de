// The holder's side of a test in one call: answer a signed request with the holder's own
// credentials and secret, as the wallet would.
import type { ProofBundle } from '../protocol/proofBundle.ts';
import { type ProveRequestParameters, proveRequest } from '../wallet/proveRequest.ts';
import { DEMO_RECIPIENT, type makeHolder } from './demo.ts';

/** A holder made by makeHolder: its secret, its issuer and the credentials issued to it. */
export type DemoHolder = Awaited<ReturnType<typeof makeHolder>>;

/** proveRequest as `holder` (its credentials and secret); the reward goes to DEMO_RECIPIENT unless `recipient` says otherwise. */
export function proveAsHolder(
  params: Omit<ProveRequestParameters, 'credentials' | 'holderSecret' | 'recipient'> & {
    holder: DemoHolder;
    recipient?: string;
  },
): Promise<ProofBundle> {
  const { holder, ...answer } = params;
  return proveRequest({
    recipient: DEMO_RECIPIENT,
    ...answer,
    credentials: holder.credentials,
    holderSecret: holder.holderSecret,
  });
}
