/** @decdp/sdk/masks/node: Semaphore artifacts from the npm package, checked by SHA-256. */

export { createMaskDesk, type MaskDeskOptions } from './createMaskDesk.ts';
export { createMaskService, type MaskServiceOptions } from './createMaskService.ts';
export { loadMaskArtifacts, MASK_ARTIFACT_SHA256 } from './loadMaskArtifacts.ts';
