// Where DeCDP keeps its documents in a person's pod (docs/interfaces.md, "Pod layout").
// One place for the paths, so wallet, merchant delivery and tests cannot drift apart.

/** The containers under the pod root, each closed to everyone but the owner. */
export const DECDP_CONTAINERS = ['credentials/', 'requests/', 'receipts/', 'policies/', 'masks/', 'inboxes/'] as const;

export type DecdpUrls = {
  root: string;
  wallet: string;
  credentials: string;
  requests: string;
  receipts: string;
  policies: string;
  /** Mask memberships (docs/masks.md). */
  masks: string;
  /** The open inbox: any logged-in agent may append a signed request; only the owner reads. */
  inbox: string;
  /** One inbox per connected merchant (`<id>/`, append for that merchant) and its record (`<id>.json`). */
  merchantInboxes: string;
};

/** The DeCDP URLs inside the pod at `podUrl` (which must end with a slash). */
export function decdpUrls(podUrl: string): DecdpUrls {
  const root = new URL('decdp/', podUrl).href;
  return {
    root,
    wallet: `${root}wallet.json`,
    credentials: `${root}credentials/`,
    requests: `${root}requests/`,
    receipts: `${root}receipts/`,
    policies: `${root}policies/`,
    masks: `${root}masks/`,
    inbox: `${root}inbox/`,
    merchantInboxes: `${root}inboxes/`,
  };
}
