// Masks on-chain (docs/masks.md § On-chain): deploy Semaphore v4 and the MaskRegistry, create a
// mask, join / admit / leave, contribute once per epoch with a Semaphore proof, list masks and read
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
  toBeHex,
  toUtf8Bytes,
} from 'ethers';
import {
  ChainError,
  InvalidInputError,
  NotFoundError,
  ProofInvalidError,
  ProofMismatchError,
} from '../../errors/index.ts';
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
import { MASK_TREE_DEPTH, parseMaskSignal } from '../schema.ts';
import { MaskRegistry, PoseidonT3, Semaphore, SemaphoreVerifier } from './maskContracts.generated.ts';

/** Addresses of the mask contracts on one chain. */
export type MaskDeployment = { poseidonT3: string; semaphoreVerifier: string; semaphore: string; registry: string };

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
 * Deploys PoseidonT3, SemaphoreVerifier, Semaphore (linked to PoseidonT3) and the MaskRegistry.
 *
 * @example
 * const masks = await deployMaskContracts({ signer });
 */
export async function deployMaskContracts(params: { signer: Signer }): Promise<MaskDeployment> {
  const deploy = async (artifact: { abi: readonly unknown[]; bytecode: string }, ...args: unknown[]) => {
    const contract = await new ContractFactory(artifact.abi as never, artifact.bytecode, params.signer).deploy(...args);
    await contract.deploymentTransaction()?.wait();
    return contract.getAddress();
  };
  const poseidonT3 = await deploy(PoseidonT3);
  const semaphoreVerifier = await deploy(SemaphoreVerifier);
  // Solidity's link placeholders (__$<34 hex>$__) stand where PoseidonT3's address goes.
  const linked = Semaphore.bytecode.replace(/__\$[0-9a-f]{34}\$__/g, poseidonT3.slice(2).toLowerCase());
  const semaphore = await deploy({ abi: Semaphore.abi, bytecode: linked }, semaphoreVerifier);
  const registry = await deploy(MaskRegistry, semaphore);
  return { poseidonT3, semaphoreVerifier, semaphore, registry };
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
  /** null for an open mask. */
  admitter: string | null;
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
    /** For masks that admit only provers: the policy (JSON) and who checks the admission proofs. */
    admission?: { policy: string; admitter: string };
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
  return sendMaskTransaction('Creating the mask', params.signer, () =>
    registry.getFunction('createMask')({
      maskId: mask.id,
      name: mask.name,
      description: mask.description,
      tags: [...(mask.tags ?? [])],
      k: mask.k ?? DEFAULT_CHAIN_MASK_K,
      epochSeconds: mask.epochSeconds ?? 7 * 86_400,
      admission: mask.admission?.policy ?? '',
      admitter: mask.admission?.admitter ?? '0x0000000000000000000000000000000000000000',
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
  const zero = /^0x0{40}$/i;
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
    admitter: zero.test(mask.admitter as string) ? null : (mask.admitter as string),
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
 * The admitter's transaction after it checked a joiner's admission proofs (verifyMaskAdmission):
 * adds the commitment and spends the admission nullifier (one admission per holder per mask).
 */
export async function admitToMaskOnChain(params: {
  signer: Signer;
  registry: string;
  maskId: string;
  identityCommitment: bigint;
  /** keccak256(abi.encode(maskLeaveSecret(…))), sent by the joiner with the admission. */
  leaveKey: string;
  admissionNullifier: bigint;
}): Promise<{ txHash: string; gasUsed: bigint }> {
  const registry = registryAt(params.registry, params.signer);
  return sendMaskTransaction('Admitting the member', params.signer, () =>
    registry.getFunction('admit')(params.maskId, params.identityCommitment, params.leaveKey, params.admissionNullifier),
  );
}

/** The leave key a joiner hands the admitter with its admission. */
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
export async function sendMaskTransaction(
  action: string,
  signer: Signer,
  run: () => Promise<{ hash: string; wait(): Promise<unknown> }>,
) {
  try {
    const tx = await run();
    const receipt = (await tx.wait()) as { gasUsed: bigint } | null;
    return { txHash: tx.hash, gasUsed: receipt?.gasUsed ?? 0n };
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
          hint: 'Prove the admission predicates (proveMaskAdmission) and ask the mask admitter to admit you.',
          ...options,
        },
      );
    case 'AlreadyAdmitted':
      return new MaskAlreadyAdmittedError(refused, options);
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
