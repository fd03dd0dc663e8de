// EdDSA over Baby Jubjub with Poseidon, the scheme circomlib's EdDSAPoseidonVerifier checks.
import { buildEddsa, type Eddsa } from 'circomlibjs';

export type BabyJubPublicKey = { x: bigint; y: bigint };
export type EddsaSignature = { R8x: bigint; R8y: bigint; S: bigint };

let eddsaPromise: Promise<Eddsa> | undefined;
function getEddsa(): Promise<Eddsa> {
  eddsaPromise ??= buildEddsa();
  return eddsaPromise;
}

export async function derivePublicKey(privateKey: Uint8Array): Promise<BabyJubPublicKey> {
  const eddsa = await getEddsa();
  const [x, y] = eddsa.prv2pub(privateKey);
  return { x: eddsa.F.toObject(x), y: eddsa.F.toObject(y) };
}

export async function signPoseidonMessage(privateKey: Uint8Array, message: bigint): Promise<EddsaSignature> {
  const eddsa = await getEddsa();
  const signature = eddsa.signPoseidon(privateKey, eddsa.F.e(message));
  return { R8x: eddsa.F.toObject(signature.R8[0]), R8y: eddsa.F.toObject(signature.R8[1]), S: signature.S };
}

export async function verifyPoseidonSignature(
  message: bigint,
  signature: EddsaSignature,
  publicKey: BabyJubPublicKey,
): Promise<boolean> {
  const eddsa = await getEddsa();
  const F = eddsa.F;
  return eddsa.verifyPoseidon(F.e(message), { R8: [F.e(signature.R8x), F.e(signature.R8y)], S: signature.S }, [
    F.e(publicKey.x),
    F.e(publicKey.y),
  ]);
}
