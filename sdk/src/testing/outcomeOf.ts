// What a call ends in, as one string a table of cases can compare: 'OK', or the DecdpError's code
// and the field it names ('PROOF_MISMATCH bundle.proofs[0]'), or the text of anything else (so an
// unexpected crash shows in the diff instead of passing as "it threw").
import { DecdpError } from '../errors/index.ts';

/** @example expect(outcomeOf(() => parseX(input))).toBe('INVALID_INPUT x.field') */
export function outcomeOf(run: () => unknown): string {
  try {
    run();
    return 'OK';
  } catch (error) {
    return describeFailure(error);
  }
}

/** outcomeOf for an async call. */
export async function settledOutcomeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    return describeFailure(error);
  }
}

function describeFailure(error: unknown): string {
  return error instanceof DecdpError ? `${error.code} ${error.field ?? ''}`.trim() : String(error);
}
