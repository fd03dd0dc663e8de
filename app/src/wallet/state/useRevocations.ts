// Taking answers back: revoke one (prove it is yours; the merchant deletes the record and signs a
// confirmation kept in the pod), or opt out of an attribute (a "never" setting, and every merchant
// holding an answer about it is told to delete).
import { type ConsentReceipt, getAttribute } from '@decdp/sdk/protocol';
import { disclosureOf } from '@decdp/sdk/wallet';
import { useMemo } from 'react';
import { plural } from '../../shared/format.ts';
import { revokeReceipt } from '../revokeReceipt.ts';
import { requestOf, withReceipt } from './podState.ts';
import type { PodAccess } from './usePod.ts';
import type { PolicyActions } from './usePolicies.ts';

export type Revocations = {
  /** Which attributes each answer was about, by receipt id (from the signed requests). */
  attributesOf: ReadonlyMap<string, readonly string[]>;
  /** What each answer told its merchant, per attribute, in words ("that you are 18 or older"), by receipt id. */
  disclosuresOf: ReadonlyMap<string, readonly { attribute: string; words: string }[]>;
  revoke: (receiptUrl: string) => Promise<void>;
  optOut: (attribute: string) => Promise<void>;
};

export function useRevocations(
  access: PodAccess,
  policies: PolicyActions,
  setWorking: (id: string | null) => void,
): Revocations {
  const { session, pod, setPod, report, setStatus } = access;

  const { attributesOf, disclosuresOf } = useMemo(() => {
    const attributes = new Map<string, string[]>();
    const disclosures = new Map<string, { attribute: string; words: string }[]>();
    if (!pod) return { attributesOf: attributes, disclosuresOf: disclosures };
    for (const { value: receipt } of pod.receipts.items) {
      const signed = requestOf(pod, receipt);
      if (!signed) continue;
      const { predicates } = signed.request;
      attributes.set(receipt.id, [...new Set(predicates.map((predicate) => predicate.attribute))]);
      disclosures.set(
        receipt.id,
        predicates.map((predicate) => ({ attribute: predicate.attribute, words: wordsOf(predicate) })),
      );
    }
    return { attributesOf: attributes, disclosuresOf: disclosures };
  }, [pod]);

  /** Revokes one answer; returns false (and says why) when it could not. */
  async function revokeOne(entry: { url: string; value: ConsentReceipt }): Promise<boolean> {
    if (!pod?.wallet) return false;
    const signedRequest = requestOf(pod, entry.value);
    if (!signedRequest) {
      report({
        code: 'REQUEST_NOT_FOUND',
        message: `The request you answered for ${entry.value.merchant.name} is no longer in your pod, so the answer cannot be revoked from here.`,
        hint: `Ask ${entry.value.merchant.name} to delete it, quoting receipt ${entry.value.id}.`,
      });
      return false;
    }
    setStatus(`Proving to ${entry.value.merchant.name} that the answer is yours, then asking them to delete it…`);
    const { receipt, confirmation } = await revokeReceipt({
      podUrl: pod.podUrl,
      fetch: session.fetch,
      receipt: entry.value,
      signedRequest,
      credentials: pod.credentials.items.map((item) => item.value),
      holderSecret: pod.wallet.holderSecret,
    });
    setPod((current) =>
      current
        ? {
            ...withReceipt(current, receipt),
            confirmations: new Map(current.confirmations).set(receipt.id, {
              deletedAt: confirmation.confirmation.deletedAt,
              deletedRecords: confirmation.confirmation.deletedRecords,
            }),
          }
        : current,
    );
    return true;
  }

  async function revoke(url: string) {
    const entry = pod?.receipts.items.find((candidate) => candidate.url === url);
    if (!entry) return;
    setWorking(entry.value.id);
    try {
      if (await revokeOne(entry)) {
        setStatus(`${entry.value.merchant.name} confirmed the deletion of your answer.`);
      }
    } catch (error) {
      report(error);
      setStatus('');
    } finally {
      setWorking(null);
    }
  }

  async function optOut(attribute: string) {
    if (!pod) return;
    const label = getAttribute(attribute, 'attribute').label;
    setWorking(attribute);
    try {
      const saved = await policies.addPolicies([
        {
          version: 1,
          id: `opt-out-${attribute}`,
          effect: 'deny',
          label: `Opted out: never prove my ${label}`,
          attributes: [attribute],
          createdAt: new Date().toISOString(),
        },
      ]);
      if (!saved) return;
      const held = pod.receipts.items.filter(
        (entry) => entry.value.status === 'active' && (attributesOf.get(entry.value.id) ?? []).includes(attribute),
      );
      let told = 0;
      for (const entry of held) {
        try {
          if (await revokeOne(entry)) told++;
        } catch (error) {
          report(error);
        }
      }
      setStatus(
        `You opted out of your ${label}: it will not be proven again; ${told} of ${plural(held.length, 'merchant')} confirmed deleting what they had.`,
      );
    } finally {
      setWorking(null);
    }
  }

  return { attributesOf, disclosuresOf, revoke, optOut };
}

function wordsOf(predicate: Parameters<typeof disclosureOf>[0]): string {
  try {
    return disclosureOf(predicate);
  } catch {
    return `something about "${predicate.attribute}"`;
  }
}
