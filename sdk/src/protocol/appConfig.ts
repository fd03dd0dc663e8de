// The pages' runtime configuration, /decdp.config.json (docs/interfaces.md): written by whoever
// serves the pages (scripts/system), read by the wallet and merchant pages (app/src/shared/config.ts).
export type AppConfig = {
  solidServer: string;
  merchantService: string;
  rpcUrl: string;
  chainId: number;
  /** maskRegistry: the MaskRegistry (Semaphore v4 masks), when the chain has one. */
  contracts: { token: string; pool: string; registry: string; verifier: string; maskRegistry?: string };
  campaignId: string | null;
  /** The mask service (relayer, mask-targeted requests; docs/masks.md), when one runs. */
  maskService?: string;
  /** Issuer services the wallet lists under "Add credentials" (docs/issuer.md). */
  issuers?: string[];
  /** The seeded demo (local only): the person's login and phrase, the merchant operator's token. */
  demo: {
    email: string;
    password: string;
    recoveryPhrase?: string;
    operatorToken?: string;
    /** Every demo merchant's service and operator token; merchant.html?merchant=<id> opens one. */
    merchants?: { id: string; name: string; service: string; operatorToken: string }[];
  } | null;
  /** A block explorer's base URL (`${explorer}tx/<hash>`); absent on anvil, which has none. */
  explorer?: string | null;
};
