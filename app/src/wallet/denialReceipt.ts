// Moved to the SDK (the wallet agent writes denials too); kept here so the page's imports stay.
export { buildDenialReceipt, type DenialReceipt, parseDenialReceipt } from '@decdp/sdk/wallet';
