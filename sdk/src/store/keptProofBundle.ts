// The proof bundle kept beside a light record, for audits (`decdp-audit reverify`): only what the
// proofs carry — the Groth16 points and public signals, the issuer each proof names, and the three
// values the bundle binds (request hash, recipient, pseudonym) exactly as the wallet sent them, so
// the bundle rebuilt from them hashes to the record's proofHash. Every kept value is a decimal
// field element or an address; the columns' CHECK constraints refuse anything else.
import type { ProofBundle } from '../protocol/proofBundle.ts';

export type KeptProofBundle = {
  requestHash: string;
  recipient: string;
  pseudonym: string;
  /** JSON: per proof [predicateIndex, issuerKeyHash, pi_a ×3, pi_b ×6, pi_c ×3, signals ×4], all decimal strings. */
  proofs: string;
};

/** A verified bundle as the columns of proof_bundles. */
export function keepProofBundle(bundle: ProofBundle): KeptProofBundle {
  return {
    requestHash: bundle.requestHash,
    recipient: bundle.recipient,
    pseudonym: bundle.pseudonym,
    proofs: JSON.stringify(
      bundle.proofs.map((entry) => [
        String(entry.predicateIndex),
        entry.issuerKeyHash,
        ...entry.proof.pi_a,
        ...entry.proof.pi_b.flat(),
        ...entry.proof.pi_c,
        ...entry.publicSignals,
      ]),
    ),
  };
}

/** The bundle as the wallet sent it, from its kept columns and its record's request id. */
export function restoreProofBundle(kept: KeptProofBundle, requestId: string): ProofBundle {
  const proofs = JSON.parse(kept.proofs) as string[][];
  return {
    version: 3,
    requestId,
    requestHash: kept.requestHash,
    recipient: kept.recipient,
    pseudonym: kept.pseudonym,
    proofs: proofs.map((numbers) => {
      const [predicateIndex = '', issuerKeyHash = '', ...rest] = numbers;
      const at = (index: number) => rest[index] ?? '';
      return {
        predicateIndex: Number(predicateIndex),
        issuerKeyHash,
        proof: {
          pi_a: [at(0), at(1), at(2)],
          pi_b: [
            [at(3), at(4)],
            [at(5), at(6)],
            [at(7), at(8)],
          ],
          pi_c: [at(9), at(10), at(11)],
          protocol: 'groth16',
          curve: 'bn128',
        },
        publicSignals: rest.slice(12),
      };
    }),
  };
}
