// Standing settings ("always allow people checking I am an adult", "never prove my location"):
// saved as documents in the pod and read by the answers hook.
import type { StandingPolicy } from '@decdp/sdk/wallet';
import { savePolicy } from '../pod.ts';
import { withDocuments } from './podState.ts';
import type { PodAccess } from './usePod.ts';

export type PolicyActions = {
  /** Saves the settings in the pod; false (and the error shown) when it could not. */
  addPolicies: (policies: StandingPolicy[]) => Promise<boolean>;
  removePolicy: (url: string) => Promise<void>;
  /** Attributes with an opt-out rule. */
  optedOut: ReadonlySet<string>;
};

export function usePolicies({ pod, setPod, session, report, setStatus, removeDocument }: PodAccess): PolicyActions {
  async function addPolicies(policies: StandingPolicy[]): Promise<boolean> {
    if (!pod) return false;
    try {
      const saved = await Promise.all(
        policies.map(async (policy) => ({
          url: await savePolicy({ podUrl: pod.podUrl, policy, fetch: session.fetch }),
          value: policy,
        })),
      );
      setPod((current) => (current ? withDocuments(current, 'policies', saved) : current));
      setStatus(`Setting saved: ${policies.map((policy) => policy.label).join('; ')}.`);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  const removePolicy = (url: string) => removeDocument('policies', url, 'Setting removed.');

  const optedOut = new Set(
    (pod?.policies.items ?? [])
      .filter((entry) => entry.value.id.startsWith('opt-out-') && entry.value.effect === 'deny')
      .flatMap((entry) => entry.value.attributes),
  );
  return { addPolicies, removePolicy, optedOut };
}
