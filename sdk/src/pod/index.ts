// @decdp/sdk/pod: the wallet's documents in a Solid pod. Browser-safe; Node-only login is in
// @decdp/sdk/pod/node.
export { type ClientCredentials, createClientCredentials, deleteClientCredentials } from './clientCredentials.ts';
export { createPodAccount, type PodAccount } from './createPodAccount.ts';
export { deleteDocument, listContainer, type PodFetch, readJsonDocument, writeJsonDocument } from './documents.ts';
export { ensureDecdpContainers } from './ensureDecdpContainers.ts';
export { findPodUrl } from './findPodUrl.ts';
export { DECDP_CONTAINERS, type DecdpUrls, decdpUrls } from './layout.ts';
