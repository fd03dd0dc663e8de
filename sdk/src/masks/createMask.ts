// Creating a mask needs no service: anyone writes its definition and an empty group, and shares
// them (a pod, a link, a contract later). The host that keeps the group also keeps the ledger.
import { hexlify } from 'ethers';
import {
  DEFAULT_EPOCH_SECONDS,
  DEFAULT_MASK_K,
  DEFAULT_ROOT_VALIDITY_SECONDS,
  MASK_TREE_DEPTH,
  type MaskAdmissionRule,
  type MaskDefinition,
  type MaskGroup,
  type MaskLedger,
  parseMaskDefinition,
} from './schema.ts';

export type CreateMaskParams = {
  /** The persona, e.g. "Christmas shopping". */
  name: string;
  /** The intention in a sentence. */
  description: string;
  /** A chosen id; by default a slug of the name plus 8 random hex digits. */
  id?: string;
  nowSeconds: number;
  epochSeconds?: number;
  /** k-anonymity threshold of the profile, at least 5. */
  k?: number;
  rootValiditySeconds?: number;
  /** Who may join (credential predicates and trusted issuers); absent: open joining. docs/masks.md. */
  admission?: MaskAdmissionRule;
};

/**
 * A new mask: its definition, an empty Semaphore group and an empty ledger.
 *
 * @example
 * const { mask, group, ledger } = createMask({ name: 'New cyclist', description: 'Getting into cycling', nowSeconds });
 */
export function createMask(params: CreateMaskParams): { mask: MaskDefinition; group: MaskGroup; ledger: MaskLedger } {
  const mask = parseMaskDefinition({
    version: 1,
    id: params.id ?? defaultMaskId(params.name),
    name: params.name,
    description: params.description,
    createdAt: params.nowSeconds,
    epochSeconds: params.epochSeconds ?? DEFAULT_EPOCH_SECONDS,
    k: params.k ?? DEFAULT_MASK_K,
    treeDepth: MASK_TREE_DEPTH,
    rootValiditySeconds: params.rootValiditySeconds ?? DEFAULT_ROOT_VALIDITY_SECONDS,
    ...(params.admission ? { admission: params.admission } : {}),
  });
  return {
    mask,
    group: { version: 1, maskId: mask.id, members: [], roots: [] },
    ledger: createMaskLedger({ maskId: mask.id }),
  };
}

export function createMaskLedger(params: { maskId: string }): MaskLedger {
  return { version: 1, maskId: params.maskId, epochs: {} };
}

function defaultMaskId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = hexlify(globalThis.crypto.getRandomValues(new Uint8Array(4))).slice(2);
  return slug ? `${slug}-${suffix}` : `mask-${suffix}`;
}
