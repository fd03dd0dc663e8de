// One way to turn outside input into typed values: a zod schema at the edge, and an
// InvalidInputError that names the first field at fault.
import type { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';

export function parseWith<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue
    ? issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')
    : '';
  const field = `${what}${path}`;
  throw new InvalidInputError(`${field}: ${issue?.message ?? 'invalid'}.`, {
    field,
    details: result.error.issues.slice(1, 4).map((other) => `Also: ${other.path.join('.')}: ${other.message}`),
  });
}
