import type { DecdpErrorCode } from './httpStatus.ts';

/**
 * The one error base of DeCDP. Every failure a caller can act on is a subclass with a stable
 * `code` (switch on it, never on the message), the `field` at fault where one is, a `hint` that
 * says what to do, and the underlying `cause`.
 *
 * @example
 * try { await verifyProofBundle(...) } catch (error) {
 *   if (error instanceof DecdpError && error.code === 'NULLIFIER_REUSED') ...
 * }
 */
export type DecdpErrorOptions = {
  /** The input field at fault, e.g. `request.predicates[0].op`. */
  field?: string;
  /** What the caller can do about it. */
  hint?: string;
  /** Extra lines with what was sent or found, shown under the message. */
  details?: readonly string[];
  cause?: unknown;
};

export class DecdpError extends Error {
  override name = 'DecdpError';
  readonly code: DecdpErrorCode;
  readonly shortMessage: string;
  readonly field: string | undefined;
  readonly hint: string | undefined;
  readonly details: readonly string[];

  constructor(code: DecdpErrorCode, shortMessage: string, options: DecdpErrorOptions = {}) {
    const lines = [shortMessage];
    if (options.field) lines.push(`Field: ${options.field}`);
    for (const detail of options.details ?? []) lines.push(detail);
    if (options.hint) lines.push(`Hint: ${options.hint}`);
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.field = options.field;
    this.hint = options.hint;
    this.details = options.details ?? [];
  }

  /** A JSON shape for HTTP answers and `--json` CLIs: stable code, readable message, no stack. */
  toJSON(): { code: DecdpErrorCode; message: string; field?: string; hint?: string } {
    return {
      code: this.code,
      message: this.shortMessage,
      ...(this.field ? { field: this.field } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }
}

/** Follows `cause` down to the deepest error, or the first one `predicate` accepts. */
export function walkError(error: unknown, predicate?: (error: unknown) => boolean): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) {
    if (predicate?.(current)) return current;
    current = current.cause;
  }
  return current;
}
