/** @decdp/sdk/zk/node: the Node-only parts of the zk engine (files on disk, worker threads). */
export * from '../createBatchVerifierPool.ts';
export * from '../loadNodeArtifacts.ts';
