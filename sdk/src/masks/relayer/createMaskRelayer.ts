// The mask relayer: sends a wallet's membership transactions (join, contribute, leave) from
// the relayer's own funded account, so a person needs no gas and no address of theirs is ever next
// to their mask identity on-chain. It is NOT a trusted party: every body carries its own
// authentication (a Semaphore proof, admission proofs, the leave secret), which the registry checks
// on-chain; the relayer simulates the exact call right before sending it, so it pays for nothing the
// chain refuses. It can refuse or delay, never forge, and cannot add a member without the proofs.
// docs/masks.md § The relayer.
import type { Signer } from 'ethers';
import { ProofMismatchError } from '../../errors/index.ts';
import {
  callMaskRegistry,
  joinWithAdmissionArgs,
  readMaskOnChain,
  registryAt,
  sendMaskTransaction,
} from '../chain/maskRegistry.ts';
import { MaskAdmissionRequiredError } from '../errors.ts';
import { normalizeSignal } from '../maskScope.ts';
import { parseMaskContribution } from '../schema.ts';
import { parseRelayedJoin, parseRelayedLeave } from './relayerBodies.ts';

export type MaskRelayerOptions = {
  /** The relayer's funded account (a NonceManager: the relayer sends one transaction at a time). */
  signer: Signer;
  registry: string;
};

export type MaskRelayer = ReturnType<typeof createMaskRelayer>;

/**
 * @example
 * const relayer = createMaskRelayer({ signer: new NonceManager(wallet), registry });
 * await relayer.join({ maskId: 'new-cyclist', body: { identityCommitment, leaveKey } });
 */
export function createMaskRelayer(options: MaskRelayerOptions) {
  const { signer } = options;
  const registry = registryAt(options.registry, signer);
  // One transaction at a time, each simulated right before it is sent: two copies of one
  // contribution cannot both pass the simulation and cost gas on-chain.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
  const simulateThenSend = (action: string, method: string, args: unknown[]) =>
    serially(async () => {
      await callMaskRegistry(action, () => registry.getFunction(method).staticCall(...args));
      const sent = await sendMaskTransaction(action, signer, () => registry.getFunction(method)(...args));
      // JSON-ready: what the route answers.
      return { txHash: sent.txHash, gasUsed: sent.gasUsed.toString() };
    });

  return {
    /** The account that pays: anyone can see it sends for many people. */
    address: () => signer.getAddress(),

    /**
     * Joins an open mask, or a mask with admission with the admission's credential proofs, which
     * the registry checks (simulated first: a refused join costs nothing). MASK_ADMISSION_REQUIRED
     * for a mask with admission and no admission.
     */
    async join(params: { maskId: string; body: unknown }) {
      const body = parseRelayedJoin(params.body);
      const mask = await readMaskOnChain({ provider: signer, registry: options.registry, maskId: params.maskId });
      if (mask.admissionPredicates === 0) {
        const sent = await simulateThenSend('Joining the mask', 'joinMask', [
          params.maskId,
          body.identityCommitment,
          body.leaveKey,
        ]);
        return { ...sent, identityCommitment: body.identityCommitment, admitted: false };
      }
      if (!body.admission) {
        throw new MaskAdmissionRequiredError(
          `Mask ${mask.id} admits only members who prove its admission predicates.`,
          {
            field: 'body.admission',
            hint: 'Prove the admission predicates (proveMaskAdmission) and send them with the join.',
          },
        );
      }
      if (body.admission.identityCommitment !== body.identityCommitment || body.admission.maskId !== params.maskId) {
        throw new ProofMismatchError('The admission proofs are for another identity commitment or mask.', {
          field: 'body.admission.identityCommitment',
        });
      }
      const sent = await simulateThenSend(
        'Joining the mask with admission',
        'joinWithAdmission',
        joinWithAdmissionArgs({ admission: body.admission, leaveKey: body.leaveKey }) as unknown as unknown[],
      );
      return { ...sent, identityCommitment: body.identityCommitment, admitted: true };
    },

    /** Sends a contribution; the registry checks mask, epoch, labels, root and nullifier (simulated first). */
    async contribute(params: { maskId: string; body: unknown }) {
      const contribution = parseMaskContribution(params.body);
      if (contribution.maskId !== params.maskId) {
        throw new ProofMismatchError(`The contribution is for mask ${contribution.maskId}, not ${params.maskId}.`, {
          field: 'body.maskId',
        });
      }
      const signal = normalizeSignal(contribution.signal);
      const sent = await simulateThenSend('Contributing to the mask', 'contribute', [
        params.maskId,
        signal.interests,
        signal.actions,
        contribution.proof,
      ]);
      return { ...sent, epoch: contribution.epoch };
    },

    /** Sends a leave: the registry checks the leave secret against the hash stored at join. */
    async leave(params: { maskId: string; body: unknown }) {
      const body = parseRelayedLeave(params.body);
      return simulateThenSend('Leaving the mask', 'leaveMask', [
        params.maskId,
        body.identityCommitment,
        body.siblings,
        body.leaveSecret,
      ]);
    },
  };
}
