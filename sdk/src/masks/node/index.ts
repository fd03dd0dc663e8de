/** @decdp/sdk/masks/node: Semaphore artifacts from the npm package, checked by SHA-256. */

export { createMaskService, type MaskServiceOptions } from './createMaskService.ts';
export { loadMaskArtifacts, MASK_ARTIFACT_SHA256 } from './loadMaskArtifacts.ts';
