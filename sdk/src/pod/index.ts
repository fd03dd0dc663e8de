// @decdp/sdk/pod: the wallet's documents in a Solid pod. Browser-safe; Node-only login is in
// @decdp/sdk/pod/node.
export { type ClientCredentials, createClientCredentials, deleteClientCredentials } from './clientCredentials.ts';

export { closeMerchantInbox } from './closeMerchantInbox.ts';
export { createPodAccount, type PodAccount } from './createPodAccount.ts';
export { deleteDocument, listContainer, type PodFetch, readJsonDocument, writeJsonDocument } from './documents.ts';
export { ensureDecdpContainers } from './ensureDecdpContainers.ts';
export { ensureInbox } from './ensureInbox.ts';
export { findPodUrl } from './findPodUrl.ts';
export { DECDP_CONTAINERS, type DecdpUrls, decdpUrls } from './layout.ts';
export { listMerchantInboxes } from './listMerchantInboxes.ts';
export { type MerchantInbox, merchantInboxSchema, parseMerchantInbox } from './merchantInbox.ts';
export { openMerchantInbox } from './openMerchantInbox.ts';
export { type Appenders, setAppendOnlyAccess } from './setAppendOnlyAccess.ts';
export { type ChangeSubscription, type PodNotification, subscribeToChanges } from './subscribeToChanges.ts';
