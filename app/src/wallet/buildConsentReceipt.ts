// Moved to the SDK (the wallet agent writes receipts too); kept here so the page's imports stay.
export { buildConsentReceipt } from '@decdp/sdk/wallet';
