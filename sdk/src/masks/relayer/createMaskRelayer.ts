// The mask relayer: sends a wallet's membership transactions (join, admit, contribute, leave) from
// the relayer's own funded account, so a person needs no gas and no address of theirs is ever next
// to their mask identity on-chain. It is NOT a trusted party: every body carries its own
// authentication (a Semaphore proof, admission proofs, the leave secret), the relayer only checks
// it — by simulating the exact call the chain will run, so it pays for nothing the chain refuses —
// and sends it. It can refuse or delay, never forge: the registry checks everything again.
// docs/masks.md § The relayer.
import { getAddress, type Signer } from 'ethers';
import { ProofMismatchError } from '../../errors/index.ts';
import type { VerificationKey } from '../../zk/groth16.ts';
import { maskDefinitionOfChainMask } from '../chain/chainMaskDefinition.ts';
import { callMaskRegistry, readMaskOnChain, registryAt, sendMaskTransaction } from '../chain/maskRegistry.ts';
import { createMaskLedger } from '../createMask.ts';
import { MaskAdmissionRequiredError } from '../errors.ts';
import { normalizeSignal } from '../maskScope.ts';
import { parseMaskContribution } from '../schema.ts';
import { verifyMaskAdmission } from '../verifyMaskAdmission.ts';
import { parseRelayedJoin, parseRelayedLeave } from './relayerBodies.ts';

export type MaskRelayerOptions = {
  /** The relayer's funded account (a NonceManager: the relayer sends one transaction at a time). */
  signer: Signer;
  registry: string;
  /** The credential circuit's key: checks admission proofs for masks whose admitter is this relayer. */
  verificationKey?: VerificationKey;
  /** Unix seconds (default the system clock): admission proofs must be recent. */
  now?: () => number;
};

export type MaskRelayer = ReturnType<typeof createMaskRelayer>;

/**
 * @example
 * const relayer = createMaskRelayer({ signer: new NonceManager(wallet), registry, verificationKey });
 * await relayer.join({ maskId: 'new-cyclist', body: { identityCommitment, leaveKey } });
 */
export function createMaskRelayer(options: MaskRelayerOptions) {
  const { signer } = options;
  const registry = registryAt(options.registry, signer);
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
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
     * Joins an open mask, or — for a mask whose admitter is this relayer — admits the commitment
     * after checking the admission's credential proofs (verifyMaskAdmission). MASK_ADMISSION_REQUIRED
     * for a mask with admission and no admission (or another admitter).
     */
    async join(params: { maskId: string; body: unknown }) {
      const body = parseRelayedJoin(params.body);
      const mask = await readMaskOnChain({ provider: signer, registry: options.registry, maskId: params.maskId });
      if (!mask.admitter) {
        const sent = await simulateThenSend('Joining the mask', 'joinMask', [
          params.maskId,
          body.identityCommitment,
          body.leaveKey,
        ]);
        return { ...sent, identityCommitment: body.identityCommitment, admitted: false };
      }
      if (getAddress(mask.admitter) !== getAddress(await signer.getAddress()) || !options.verificationKey) {
        throw new MaskAdmissionRequiredError(`Mask ${mask.id} is admitted by ${mask.admitter}, not by this relayer.`, {
          hint: 'Send the admission proofs to the mask’s admitter.',
        });
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
      if (body.admission.identityCommitment !== body.identityCommitment) {
        throw new ProofMismatchError('The admission proofs are for another identity commitment.', {
          field: 'body.admission.identityCommitment',
        });
      }
      const verified = await verifyMaskAdmission({
        mask: maskDefinitionOfChainMask(mask),
        // Spent admission nullifiers live in the registry: the simulation below refuses a second one.
        ledger: createMaskLedger({ maskId: mask.id }),
        admission: body.admission,
        verificationKey: options.verificationKey,
        nowSeconds: now(),
      });
      const sent = await simulateThenSend('Admitting the member', 'admit', [
        params.maskId,
        body.identityCommitment,
        body.leaveKey,
        verified.nullifier,
      ]);
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
