// The SHA-256 of Semaphore v4's proving artifacts for the mask tree depth, pinned once for every
// loader: Node reads them from the npm package (masks/node), the wallet page fetches them from its
// own origin (app/src/wallet/masks) and both refuse bytes that do not match.

/** @zk-kit/semaphore-artifacts@4.13.0, depth 20 (Semaphore v4 circuit, PSE trusted setup). */
export const MASK_ARTIFACT_SHA256 = {
  wasm: '6f71e55586929e520e76027ebe067daac8b41e2f4b8057313a5fd0304e1e44ee',
  zkey: '33f9a067a80c7daf90e085449073613a9559a1904dd40aeb6d603afb7988c2cc',
} as const;
