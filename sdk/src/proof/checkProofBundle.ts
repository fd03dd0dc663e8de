// The one skeleton every verifier of credential proofs runs — merchant answers, merchant links,
// revocations, mask admissions — so none forgets a step or orders them differently:
//   1. the verification key is this circuit version's;
//   2. the bundle names the request it answers, one proof per entry (checkBundleRequest), if any;
//   3. per proof, in order: the caller's own checks (issuer trust…) and what the proof must be
//      bound to, then checkProofBinding (statement, context, one nullifier, recipient, time);
//   4. the caller's last cheap check (a spent nullifier…);
//   5. Groth16 last, once every cheap check has held for every proof.
// What differs between the four is only what each proof is bound to and the words of a refusal.
import { InvalidInputError, ProofInvalidError } from '../errors/index.ts';
import { PUBLIC_SIGNAL_COUNT, type PublicSignals } from '../protocol/publicSignals.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { prepareVerifier } from '../zk/prepareVerifier.ts';
import { type CheckBundleRequestParameters, checkBundleRequest } from './checkBundleRequest.ts';
import {
  type BindingFailure,
  type BindingMessages,
  checkProofBinding,
  type ExpectedBinding,
} from './checkProofBinding.ts';

/** One proof of a bundle: where it stands in the caller's input (`bundle.proofs[0]`), proof, signals. */
export type BundleEntry = { field: string; proof: unknown; publicSignals: readonly string[] };

/** Checks Groth16 proofs together (a batch): one answer per item, true only for a valid proof. */
export type ProofsVerifier = (
  items: readonly { proof: unknown; publicSignals: readonly string[] }[],
) => Promise<boolean[]>;

export type CheckProofBundleParameters<Entry extends BundleEntry> = {
  /** The proofs, in the order their bindings are checked. */
  entries: readonly Entry[];
  verificationKey: VerificationKey;
  /** The bundle's request (id, hash, one proof per entry); omitted where the caller checks its own entries. */
  request?: CheckBundleRequestParameters;
  /**
   * Per proof, in order: the caller's own checks (they throw) and the statement and context hash
   * the proof must carry.
   */
  bindingOf: (entry: Entry) => Promise<{ statementHash: bigint; contextHash: bigint }>;
  /** Shared by every proof: recipient, our time and its window, the request's expiry. */
  window: Omit<ExpectedBinding, 'statementHash' | 'contextHash' | 'nullifier'>;
  messages: BindingMessages & { proofInvalid?: string };
  /** The caller's error for a refusal (a revocation answers REVOCATION_INVALID); default ProofMismatch/ProofInvalid. */
  refuse?: (failure: BindingFailure) => Error;
  /** After every binding held, before any pairing: the nullifier and each proof's signals. */
  beforeProofs?: (checked: { nullifier: bigint; signals: readonly PublicSignals[] }) => void;
  /** Default prepareVerifier, one proof at a time. */
  verifyProofs?: ProofsVerifier;
};

/**
 * Runs the five steps above; returns the bundle's one nullifier and each proof's parsed signals.
 * @example
 * const { nullifier } = await checkProofBundle({ entries, verificationKey, bindingOf, window, messages });
 */
export async function checkProofBundle<Entry extends BundleEntry>(
  params: CheckProofBundleParameters<Entry>,
): Promise<{ nullifier: bigint; signals: PublicSignals[] }> {
  const refuse = (failure: BindingFailure): never => {
    const { message, field, details, hint } = failure;
    throw (
      params.refuse?.(failure) ??
      new ProofInvalidError(message, { field, ...(details ? { details } : {}), ...(hint ? { hint } : {}) })
    );
  };
  const keySize = params.verificationKey.nPublic;
  if (keySize !== PUBLIC_SIGNAL_COUNT) {
    refuse({
      check: 'verificationKey',
      message: 'The verification key is for another circuit version.',
      field: 'verificationKey.nPublic',
      details: [`Expected ${PUBLIC_SIGNAL_COUNT} public signals`, `Key has ${String(keySize)}`],
      hint: 'Load the committed key (circuits/build/credential.vkey.json) for this SDK version.',
    });
  }
  if (params.request) checkBundleRequest(params.request);

  let nullifier: bigint | undefined;
  const signals: PublicSignals[] = [];
  for (const entry of params.entries) {
    const binding = await params.bindingOf(entry);
    const checked = checkProofBinding({
      publicSignals: entry.publicSignals,
      field: entry.field,
      expected: { ...params.window, ...binding, nullifier },
      messages: params.messages,
      ...(params.refuse ? { refuse: params.refuse } : {}),
    });
    nullifier = checked.nullifier;
    signals.push(checked);
  }
  if (nullifier === undefined) {
    throw new InvalidInputError('The bundle holds no proof.', { field: 'bundle.proofs' });
  }
  params.beforeProofs?.({ nullifier, signals });

  const results = await (params.verifyProofs ?? verifyOneByOne(params.verificationKey))(params.entries);
  const failed = params.entries.findIndex((_, position) => results[position] !== true);
  if (failed >= 0) {
    refuse({
      check: 'proof',
      message: params.messages.proofInvalid ?? 'The proof does not verify.',
      field: `${params.entries[failed]?.field}.proof`,
    });
  }
  return { nullifier, signals };
}

/** prepareVerifier over each proof (prepared once per key object: ≈ 6 ms a proof); unreadable: false. */
function verifyOneByOne(verificationKey: VerificationKey): ProofsVerifier {
  return async (items) => {
    const verifier = await prepareVerifier(verificationKey);
    const results: boolean[] = [];
    for (const item of items) results.push(await verifier.verify(item.proof, item.publicSignals).catch(() => false));
    return results;
  };
}
