// Masks on-chain (docs/masks.md § On-chain): deploy Semaphore v4 and the MaskRegistry, create a
// mask, join (open, or with admission proofs the registry checks itself) / leave, contribute once per epoch with a Semaphore proof, list masks and read
// a closed epoch's profile once k members contributed. Any EVM by RPC; `npm start` deploys to anvil.
// Every revert comes back as the mask error class of its kind (sdk/src/masks/errors.ts).
import { Group } from '@semaphore-protocol/group';
import { generateProof } from '@semaphore-protocol/proof';
import {
  AbiCoder,
  Contract,
  ContractFactory,
  computeHmac,
  Interface,
  isCallException,
  type JsonRpcApiProvider,
  keccak256,
  NonceManager,
  type Provider,
  type Signer,
  type TransactionResponse,
  toBeHex,
  toUtf8Bytes,
} from 'ethers';
import { PoseidonT5, PoseidonT6 } from '../../chain/contracts.generated.ts';
import { linkBytecode } from '../../chain/deployContracts.ts';
import { mined } from '../../chain/mined.ts';
import { toSolidityProof } from '../../chain/toSolidityProof.ts';
import {
  ChainError,
  InvalidInputError,
  IssuerNotTrustedError,
  NotFoundError,
  ProofInvalidError,
  ProofMismatchError,
} from '../../errors/index.ts';
import { resolvePredicate } from '../../protocol/predicate.ts';
import type { MaskArtifacts } from '../contributeToMask.ts';
import {
  MaskAdmissionRequiredError,
  MaskAlreadyAdmittedError,
  MaskAlreadyContributedError,
  MaskAlreadyMemberError,
  MaskEpochOpenError,
  MaskGroupTooSmallError,
  MaskNotMemberError,
  MaskProfileBelowKError,
  MaskRootStaleError,
} from '../errors.ts';
import { maskIdentity } from '../maskIdentity.ts';
import type { MaskProfile } from '../maskProfile.ts';
import { maskMessage, maskScope, normalizeSignal } from '../maskScope.ts';
import { MASK_TREE_DEPTH, type MaskAdmission, type MaskAdmissionRule, parseMaskSignal } from '../schema.ts';
import { MaskRegistry, PoseidonT3, Semaphore, SemaphoreVerifier } from './maskContracts.generated.ts';

/** Addresses of the mask contracts on one chain (`issuerRegistry`: the DeCDP IssuerRegistry the
 * mask registry asks whether an admission proof's issuer is trusted). */
export type MaskDeployment = {
  poseidonT3: string;
  semaphoreVerifier: string;
  semaphore: string;
  registry: string;
  issuerRegistry: string;
};

/** The default anonymity threshold of a mask created on-chain: profiles need k contributors. */
export const DEFAULT_CHAIN_MASK_K = 20;

// Errors Semaphore's group tree (LeanIMT, an internal library) raises; they are not in its ABI.
const LEAN_IMT_ERRORS = [
  'error LeafAlreadyExists()',
  'error LeafDoesNotExist()',
  'error LeafCannotBeZero()',
  'error WrongSiblingNodes()',
  'error LeafGreaterThanSnarkScalarField()',
];
const registryInterface = new Interface([
  ...(MaskRegistry.abi as readonly unknown[]),
  ...(Semaphore.abi as readonly { type: string }[]).filter((entry) => entry.type === 'error'),
  ...LEAN_IMT_ERRORS,
] as never[]);

/** The registry contract with every error it (or Semaphore under it) can revert with. */
export function registryAt(address: string, runner: Signer | Provider): Contract {
  return new Contract(address, registryInterface, runner);
}

/**
 * Deploys PoseidonT3, SemaphoreVerifier, Semaphore (linked to PoseidonT3), PoseidonT5 and T6 and the
 * MaskRegistry (linked to the three Poseidons), which checks admission proofs against `issuerRegistry`.
 *
 * @example
 * const masks = await deployMaskContracts({ signer, issuerRegistry: deployment.registry });
 */
export async function deployMaskContracts(params: { signer: Signer; issuerRegistry: string }): Promise<MaskDeployment> {
  const deploy = async (artifact: { abi: readonly unknown[]; bytecode: string }, ...args: unknown[]) => {
    const contract = await new ContractFactory(artifact.abi as never, artifact.bytecode, params.signer).deploy(...args);
    const sent = contract.deploymentTransaction();
    if (sent) await mined(sent);
    return contract.getAddress();
  };
  const poseidonT3 = await deploy(PoseidonT3);
  const semaphoreVerifier = await deploy(SemaphoreVerifier);
  // Solidity's link placeholders (__$<34 hex>$__) stand where PoseidonT3's address goes.
  const linked = Semaphore.bytecode.replace(/__\$[0-9a-f]{34}\$__/g, poseidonT3.slice(2).toLowerCase());
  const semaphore = await deploy({ abi: Semaphore.abi, bytecode: linked }, semaphoreVerifier);
  const hashers = {
    PoseidonT3: poseidonT3,
    PoseidonT5: await deploy(PoseidonT5),
    PoseidonT6: await deploy(PoseidonT6),
  };
  const registry = await deploy(
    { abi: MaskRegistry.abi, bytecode: linkBytecode(MaskRegistry, hashers) },
    semaphore,
    params.issuerRegistry,
  );
  return { poseidonT3, semaphoreVerifier, semaphore, registry, issuerRegistry: params.issuerRegistry };
}

/** A mask as the registry holds it. */
export type ChainMask = {
  id: string;
  groupId: bigint;
  name: string;
  description: string;
  tags: string[];
  k: number;
  epochSeconds: number;
  createdAt: number;
  members: number;
  creator: string;
  /** How many credential proofs an admission takes (0: an open mask). */
  admissionPredicates: number;
  /** The admission policy (JSON text) a joiner must prove; null for an open mask. */
  admission: string | null;
};

export type CreateMaskOnChainParams = {
  signer: Signer;
  registry: string;
  mask: {
    id: string;
    name: string;
    description: string;
    tags?: readonly string[];
    /** Default 20 (DEFAULT_CHAIN_MASK_K); at least 5. */
    k?: number;
    /** Default one week. */
    epochSeconds?: number;
    /** For masks that admit only provers: the predicates and trusted issuers; the registry checks
     * every admission against them (and asks the IssuerRegistry at each join). */
    admission?: MaskAdmissionRule;
  };
};

/**
 * Anyone creates a mask; its Semaphore group is administered by the registry.
 *
 * @example
 * await createMaskOnChain({ signer, registry, mask: { id: 'new-cyclist', name: 'New cyclist', description: '…', tags: ['cycling'] } });
 */
export async function createMaskOnChain(params: CreateMaskOnChainParams): Promise<{ txHash: string }> {
  const { mask } = params;
  const registry = registryAt(params.registry, params.signer);
  const admissionPredicates = mask.admission ? await admissionPredicatesOf(mask.admission) : [];
  return sendMaskTransaction('Creating the mask', params.signer, () =>
    registry.getFunction('createMask')({
      maskId: mask.id,
      name: mask.name,
      description: mask.description,
      tags: [...(mask.tags ?? [])],
      k: mask.k ?? DEFAULT_CHAIN_MASK_K,
      epochSeconds: mask.epochSeconds ?? 7 * 86_400,
      admission: mask.admission ? JSON.stringify(mask.admission) : '',
      admissionPredicates,
    }),
  );
}

/**
 * The rule as the registry takes it: each predicate encoded as the circuit proves it, with the
 * issuers that may sign it (its own `issuers` narrow `trustedIssuers`, never widen them).
 */
async function admissionPredicatesOf(rule: MaskAdmissionRule) {
  return Promise.all(
    rule.predicates.map(async (requested, index) => {
      const field = `mask.admission.predicates[${index}]`;
      const predicate = await resolvePredicate(requested, field);
      const issuers = rule.trustedIssuers.filter(
        (issuer) => predicate.issuers.length === 0 || predicate.issuers.includes(BigInt(issuer)),
      );
      if (issuers.length === 0) {
        throw new InvalidInputError(`${field}.issuers names no issuer the mask trusts.`, { field: `${field}.issuers` });
      }
      return {
        predicate: {
          attributeId: BigInt(predicate.attribute.code),
          operator: predicate.operatorCode,
          operandA: predicate.operandA,
          operandB: predicate.operandB,
          setHash: predicate.setHash,
        },
        issuers,
      };
    }),
  );
}

/** Every mask on the registry, with its size. */
export async function listMasksOnChain(params: {
  provider: Provider | Signer;
  registry: string;
}): Promise<ChainMask[]> {
  const registry = registryAt(params.registry, params.provider);
  const ids = (await registry.getFunction('listMasks')()) as string[];
  return Promise.all(ids.map((id) => readMaskOnChain({ ...params, maskId: id })));
}

export async function readMaskOnChain(params: {
  provider: Provider | Signer;
  registry: string;
  maskId: string;
}): Promise<ChainMask> {
  const registry = registryAt(params.registry, params.provider);
  const mask = await callMaskRegistry('Reading the mask', () => registry.getFunction('getMask')(params.maskId));
  return {
    id: params.maskId,
    groupId: mask.groupId as bigint,
    name: mask.name as string,
    description: mask.description as string,
    tags: [...(mask.tags as string[])],
    k: Number(mask.k),
    epochSeconds: Number(mask.epochSeconds),
    createdAt: Number(mask.createdAt),
    members: Number(mask.members),
    creator: mask.creator as string,
    admissionPredicates: Number(mask.admissionPredicates),
    admission: (mask.admission as string) || null,
  };
}

/**
 * The secret a member reveals to leave (and its hash, stored at join): derived from the holder
 * secret and the mask, so a restored wallet can still leave. It proves nothing else.
 */
export function maskLeaveSecret(params: { holderSecret: bigint; maskId: string }): string {
  return computeHmac(
    'sha256',
    toUtf8Bytes('decdp/mask-leave/v1'),
    toUtf8Bytes(`${params.maskId}:${toBeHex(params.holderSecret, 32)}`),
  );
}

function leaveKeyOf(leaveSecret: string): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(['bytes32'], [leaveSecret]));
}

/**
 * Joins an open mask with the wallet's identity for it (maskIdentity). The transaction may come
 * from any account (a relayer, for gas): it carries only the identity commitment.
 *
 * @example
 * const { commitment } = await joinMaskOnChain({ signer, registry, maskId: 'new-cyclist', holderSecret });
 */
export async function joinMaskOnChain(params: {
  signer: Signer;
  registry: string;
  maskId: string;
  holderSecret: bigint;
}): Promise<{ txHash: string; gasUsed: bigint; commitment: bigint }> {
  const commitment = maskIdentity(params).commitment;
  const registry = registryAt(params.registry, params.signer);
  const leaveKey = leaveKeyOf(maskLeaveSecret(params));
  const sent = await sendMaskTransaction('Joining the mask', params.signer, () =>
    registry.getFunction('joinMask')(params.maskId, commitment, leaveKey),
  );
  return { ...sent, commitment };
}

/**
 * The arguments of `joinWithAdmission` for an admission (proveMaskAdmission): the proofs in the
 * registry's predicate order, in the Solidity verifier's format.
 */
export function joinWithAdmissionArgs(params: { admission: MaskAdmission; leaveKey: string }) {
  const { admission } = params;
  const proofs = [...admission.proofs]
    .sort((x, y) => x.predicateIndex - y.predicateIndex)
    .map((entry) => ({ ...toSolidityProof(entry.proof), signals: entry.publicSignals }));
  return [admission.maskId, admission.identityCommitment, params.leaveKey, admission.pseudonym, proofs] as const;
}

/**
 * Joins a mask with admission: the registry itself checks one credential proof per predicate
 * (statement of this mask, issuer trusted now, bound to this commitment, recent, one admission per
 * holder). Any account may send it (a relayer, for gas): without valid proofs it adds nobody.
 *
 * @example
 * const { admission } = await proveMaskAdmission({ holderSecret, mask, credentials, artifacts, nowSeconds });
 * await joinMaskWithAdmissionOnChain({ signer, registry, admission, leaveKey: maskLeaveKey({ holderSecret, maskId }) });
 */
export async function joinMaskWithAdmissionOnChain(params: {
  signer: Signer;
  registry: string;
  admission: MaskAdmission;
  /** keccak256(abi.encode(maskLeaveSecret(…))): maskLeaveKey. */
  leaveKey: string;
}): Promise<{ txHash: string; gasUsed: bigint }> {
  const registry = registryAt(params.registry, params.signer);
  return sendMaskTransaction('Joining the mask with admission', params.signer, () =>
    registry.getFunction('joinWithAdmission')(...joinWithAdmissionArgs(params)),
  );
}

/** The leave key a joiner sends with its join (only who knows the leave secret can leave). */
export function maskLeaveKey(params: { holderSecret: bigint; maskId: string }): string {
  return leaveKeyOf(maskLeaveSecret(params));
}

/** The mask's Semaphore group as the chain has it (removed members are zero leaves). */
export async function readMaskGroupOnChain(params: {
  provider: Provider | Signer;
  registry: string;
  maskId: string;
  fromBlock?: number;
}): Promise<Group> {
  const mask = await readMaskOnChain(params);
  const registry = registryAt(params.registry, params.provider);
  const semaphore = new Contract(
    (await registry.getFunction('semaphore')()) as string,
    Semaphore.abi as never,
    params.provider,
  );
  const [added, removed] = await Promise.all([
    semaphore.queryFilter(semaphore.filters.MemberAdded?.(mask.groupId) ?? 'MemberAdded', params.fromBlock ?? 0),
    semaphore.queryFilter(semaphore.filters.MemberRemoved?.(mask.groupId) ?? 'MemberRemoved', params.fromBlock ?? 0),
  ]);
  const leaves: bigint[] = [];
  for (const event of added) {
    const args = (event as unknown as { args: { index: bigint; identityCommitment: bigint } }).args;
    leaves[Number(args.index)] = args.identityCommitment;
  }
  const group = new Group(leaves);
  for (const event of removed) group.removeMember(Number((event as unknown as { args: { index: bigint } }).args.index));
  return group;
}

/**
 * What leaving takes, for the wallet to send or hand a relayer: the commitment, its Merkle siblings
 * in the group as the chain has it, and the leave secret (it proves nothing but the right to leave).
 */
export async function prepareMaskLeave(params: {
  provider: Provider | Signer;
  registry: string;
  maskId: string;
  holderSecret: bigint;
}): Promise<{ identityCommitment: string; siblings: string[]; leaveSecret: string }> {
  const commitment = maskIdentity(params).commitment;
  const group = await readMaskGroupOnChain(params);
  const index = group.indexOf(commitment);
  if (index < 0) throw new MaskNotMemberError(`This wallet is not a member of mask ${params.maskId}.`);
  const { siblings } = group.generateMerkleProof(index);
  return {
    identityCommitment: commitment.toString(),
    siblings: siblings.map(String),
    leaveSecret: maskLeaveSecret(params),
  };
}

/** Leaves a mask: reveals the leave secret; the registry removes the commitment from the group. */
export async function leaveMaskOnChain(params: {
  signer: Signer;
  registry: string;
  maskId: string;
  holderSecret: bigint;
}): Promise<{ txHash: string; gasUsed: bigint }> {
  const leave = await prepareMaskLeave({ ...params, provider: params.signer });
  const registry = registryAt(params.registry, params.signer);
  return sendMaskTransaction('Leaving the mask', params.signer, () =>
    registry.getFunction('leaveMask')(params.maskId, leave.identityCommitment, leave.siblings, leave.leaveSecret),
  );
}

/**
 * Contributes this epoch's labels: a Semaphore proof that some member of the mask sends exactly
 * these labels in this epoch (scope = mask + epoch from the chain's clock, message = the labels).
 * A member counts once per epoch: a second contribution is MASK_ALREADY_CONTRIBUTED.
 *
 * @example
 * await contributeOnChain({ signer, registry, maskId, holderSecret, signal: { interests: ['road-bikes'] }, artifacts });
 */
export async function contributeOnChain(params: {
  signer: Signer;
  registry: string;
  maskId: string;
  holderSecret: bigint;
  signal: { interests?: readonly string[]; actions?: readonly string[] };
  artifacts: MaskArtifacts;
}): Promise<{ txHash: string; gasUsed: bigint; epoch: number }> {
  const prepared = await prepareContribution(params);
  const registry = registryAt(params.registry, params.signer);
  const sent = await sendMaskTransaction('Contributing to the mask', params.signer, () =>
    registry.getFunction('contribute')(
      params.maskId,
      prepared.signal.interests,
      prepared.signal.actions,
      prepared.proof,
    ),
  );
  return { ...sent, epoch: prepared.epoch };
}

/** The proof and labels of a contribution, for the current epoch of the chain (no transaction). */
export async function prepareContribution(params: {
  /** Where the group and the chain's clock are read (a signer's provider, or a provider). */
  signer: Signer | Provider;
  registry: string;
  maskId: string;
  holderSecret: bigint;
  signal: { interests?: readonly string[]; actions?: readonly string[] };
  artifacts: MaskArtifacts;
  /** Override the epoch (tests: a proof for another epoch). */
  epoch?: number;
}) {
  const provider = 'getBlockNumber' in params.signer ? params.signer : params.signer.provider;
  if (!provider) throw new InvalidInputError('The signer needs a provider.', { field: 'signer' });
  const signal = normalizeSignal(
    parseMaskSignal({ interests: [...(params.signal.interests ?? [])], actions: [...(params.signal.actions ?? [])] }),
  );
  const mask = await readMaskOnChain({ provider, registry: params.registry, maskId: params.maskId });
  const group = await readMaskGroupOnChain({ provider, registry: params.registry, maskId: params.maskId });
  const identity = maskIdentity(params);
  const index = group.indexOf(identity.commitment);
  if (index < 0) throw new MaskNotMemberError(`This wallet is not a member of mask ${params.maskId}.`);
  if (mask.members < mask.k) {
    throw new MaskGroupTooSmallError(
      `Mask ${params.maskId} has ${mask.members} members; a contribution needs at least ${mask.k} to hide among.`,
      { hint: 'Wait until more people wear the mask.' },
    );
  }
  const epoch = params.epoch ?? Math.floor((await chainSeconds(provider)) / mask.epochSeconds);
  const proof = await generateProof(
    identity,
    group.generateMerkleProof(index),
    maskMessage(signal),
    maskScope({ maskId: params.maskId, epoch }),
    MASK_TREE_DEPTH,
    params.artifacts as { wasm: string; zkey: string },
  );
  return {
    epoch,
    signal,
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth,
      merkleTreeRoot: proof.merkleTreeRoot,
      nullifier: proof.nullifier,
      message: proof.message,
      scope: proof.scope,
      points: proof.points,
    },
  };
}

/** The latest block's time, asked of the node itself (a provider's cached block may be seconds old). */
async function chainSeconds(provider: Provider): Promise<number> {
  const block = (await (provider as JsonRpcApiProvider).send('eth_getBlockByNumber', ['latest', false])) as {
    timestamp: string;
  };
  return Number(block.timestamp);
}

/**
 * A closed epoch's aggregate profile, read from the chain: refused below k contributors
 * (MASK_PROFILE_BELOW_K) and for an open epoch (MASK_EPOCH_OPEN); labels named by fewer than k
 * contributors are left out.
 */
export async function readMaskProfileOnChain(params: {
  provider: Provider | Signer;
  registry: string;
  maskId: string;
  epoch: number;
}): Promise<MaskProfile> {
  const mask = await readMaskOnChain(params);
  if (mask.members < mask.k) {
    throw new MaskProfileBelowKError(`Mask ${mask.id} has ${mask.members} members; profiles need ${mask.k}.`);
  }
  const registry = registryAt(params.registry, params.provider);
  const result = await callMaskRegistry('Reading the profile', () =>
    registry.getFunction('epochProfile')(params.maskId, params.epoch),
  );
  const counted = (labels: string[], counts: bigint[]) =>
    labels
      .map((label, index) => ({ label, count: Number(counts[index]) }))
      .filter((entry) => entry.count >= mask.k)
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return {
    maskId: mask.id,
    name: mask.name,
    description: mask.description,
    epoch: params.epoch,
    from: params.epoch * mask.epochSeconds,
    to: (params.epoch + 1) * mask.epochSeconds,
    k: mask.k,
    contributors: Number(result.contributors),
    interests: counted([...result.interests], [...result.interestCounts]),
    actions: counted([...result.actions], [...result.actionCounts]),
  };
}

/** Sends one registry transaction and waits for it; a revert comes back as the mask error of its kind. */
export async function sendMaskTransaction(action: string, signer: Signer, run: () => Promise<TransactionResponse>) {
  try {
    const tx = await run();
    const receipt = await mined(tx);
    return { txHash: tx.hash, gasUsed: receipt.gasUsed };
  } catch (error) {
    // ethers' NonceManager counts a nonce before the gas estimate; a refused call must not leave a gap.
    if (signer instanceof NonceManager) signer.reset();
    throw maskChainError(error, action);
  }
}

/** A read (or a simulated transaction) of the registry; a revert comes back as the mask error of its kind. */
export async function callMaskRegistry<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw maskChainError(error, action);
  }
}

/** A revert of the registry (or of Semaphore under it) as the mask error of its kind. */
export function maskChainError(error: unknown, action: string): Error {
  const data = isCallException(error) ? error.data : undefined;
  const parsed = data ? registryInterface.parseError(data) : null;
  if (!parsed) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return new ChainError(`${action} failed: ${message}`, { cause: error });
  }
  const refused = `${action} was refused: ${parsed.name}.`;
  const options = { cause: error };
  switch (parsed.name) {
    case 'UnknownMask':
      return new NotFoundError(`${action}: no such mask.`, { field: 'maskId', ...options });
    case 'AdmissionRequired':
      return new MaskAdmissionRequiredError(
        `${refused} This mask admits only members who prove its admission predicates.`,
        {
          hint: 'Prove the admission predicates (proveMaskAdmission) and join with them (joinWithAdmission).',
          ...options,
        },
      );
    case 'AlreadyAdmitted':
      return new MaskAlreadyAdmittedError(`${refused} This person already holds a seat in the mask.`, options);
    case 'NoAdmission':
      return new InvalidInputError(`${refused} This mask is open: join it without proofs.`, {
        field: 'body.admission',
        ...options,
      });
    case 'WrongProofCount':
      return new InvalidInputError(`${refused} The admission needs one proof per admission predicate.`, {
        field: 'body.admission.proofs',
        ...options,
      });
    case 'StatementNotInMask':
    case 'DuplicatePredicate':
      return new ProofMismatchError(`${refused} The proof is for another mask, predicate or issuer.`, {
        field: `body.admission.proofs[${String(parsed.args[0])}].publicSignals.statementHash`,
        ...options,
      });
    case 'HoldersDiffer':
      return new ProofMismatchError(`${refused} The proofs come from different holders.`, {
        field: `body.admission.proofs[${String(parsed.args[0])}].publicSignals.nullifier`,
        ...options,
      });
    case 'RecipientNotZero':
    case 'ProofTooOld':
    case 'ProofFromFuture':
      return new ProofMismatchError(`${refused} The proof's recipient or time is not an admission's.`, {
        field: `body.admission.proofs[${String(parsed.args[0])}].publicSignals.recipientAndTime`,
        hint: 'Prove again: an admission proof is good for ten minutes.',
        ...options,
      });
    case 'WrongCommitment':
      return new ProofMismatchError(`${refused} The proof admits another identity commitment or mask.`, {
        field: 'body.admission.identityCommitment',
        ...options,
      });
    case 'IssuerNotTrusted':
      return new IssuerNotTrustedError(`${refused} The credential's issuer is not trusted (now) by the registry.`, {
        field: `body.admission.proofs[${String(parsed.args[0])}].issuerKeyHash`,
        ...options,
      });
    case 'InvalidProof':
      return new ProofInvalidError(`${refused} The admission proof does not verify.`, {
        field: `body.admission.proofs[${String(parsed.args[0])}].proof`,
        ...options,
      });
    case 'InvalidAdmission':
      return new InvalidInputError(`${refused} ${String(parsed.args[0])}`, { field: 'mask.admission', ...options });
    case 'LeafAlreadyExists':
      return new MaskAlreadyMemberError(`${refused} This identity is already a member.`, options);
    case 'NotYourMembership':
    case 'LeafDoesNotExist':
      return new MaskNotMemberError(`${refused} This wallet is not a member of the mask.`, options);
    case 'GroupTooSmall':
      return new MaskGroupTooSmallError(`${refused} Fewer members than the mask's k.`, options);
    case 'Semaphore__YouAreUsingTheSameNullifierTwice':
      return new MaskAlreadyContributedError(`${refused} This member already contributed in this epoch.`, {
        hint: 'A member counts once per epoch; contribute again in the next epoch.',
        ...options,
      });
    case 'WrongScope':
      return new ProofMismatchError(`${refused} The proof is for another mask or epoch.`, {
        field: 'proof.scope',
        ...options,
      });
    case 'WrongMessage':
      return new ProofMismatchError(`${refused} The proof is for other labels.`, {
        field: 'proof.message',
        ...options,
      });
    case 'Semaphore__MerkleTreeRootIsExpired':
    case 'Semaphore__MerkleTreeRootIsNotPartOfTheGroup':
      return new MaskRootStaleError(`${refused} Prove again with the group as it is now.`, options);
    case 'Semaphore__InvalidProof':
      return new ProofInvalidError(refused, options);
    case 'EpochOpen':
      return new MaskEpochOpenError(`${refused} The epoch has not ended; its counts are still moving.`, options);
    case 'ProfileBelowK':
      return new MaskProfileBelowKError(
        `${refused} ${String(parsed.args[0])} contributors; the profile needs ${String(parsed.args[1])}.`,
        options,
      );
    case 'InvalidMaskId':
    case 'InvalidLabel':
    case 'DuplicateLabel':
    case 'TooManyLabels':
    case 'KTooSmall':
    case 'InvalidEpochSeconds':
    case 'EmptyName':
    case 'MaskExists':
      return new InvalidInputError(refused, options);
    default:
      return new ChainError(refused, { errorName: parsed.name, cause: error });
  }
}
