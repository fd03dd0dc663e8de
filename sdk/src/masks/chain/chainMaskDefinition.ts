// A mask read from the registry as the SDK's MaskDefinition, so the off-chain checks
// (verifyMaskAdmission, the wallet's "what it reveals") run on chain masks unchanged.
import { InvalidInputError } from '../../errors/index.ts';
import {
  DEFAULT_ROOT_VALIDITY_SECONDS,
  MASK_TREE_DEPTH,
  type MaskDefinition,
  maskAdmissionRuleSchema,
  parseMaskDefinition,
} from '../schema.ts';
import type { ChainMask } from './maskRegistry.ts';

/**
 * The definition of a registry mask. The admission policy (JSON on-chain) must be a
 * `{ predicates, trustedIssuers }` rule; otherwise INVALID_INPUT, field `mask.admission`.
 * Root validity is Semaphore's contract default (one hour).
 */
export function maskDefinitionOfChainMask(mask: ChainMask): MaskDefinition {
  let admission: unknown;
  if (mask.admission) {
    try {
      admission = maskAdmissionRuleSchema.parse(JSON.parse(mask.admission));
    } catch (cause) {
      throw new InvalidInputError(`Mask ${mask.id}'s admission policy is not a { predicates, trustedIssuers } rule.`, {
        field: 'mask.admission',
        cause,
      });
    }
  }
  return parseMaskDefinition({
    version: 1,
    id: mask.id,
    name: mask.name,
    description: mask.description,
    createdAt: mask.createdAt,
    epochSeconds: mask.epochSeconds,
    k: mask.k,
    treeDepth: MASK_TREE_DEPTH,
    rootValiditySeconds: DEFAULT_ROOT_VALIDITY_SECONDS,
    ...(admission ? { admission } : {}),
  });
}
