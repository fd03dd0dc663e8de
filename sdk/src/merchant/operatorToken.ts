// Operator API tokens: what a merchant's staff and scripts show to use the admin routes.
// `dcdp_<id>_<secret>`: the id (16 hex) finds the row, the secret (64 hex) is checked against
// its sha256; the store never holds a secret.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, InvalidInputError, UnauthorizedError } from '../errors/index.ts';
import { type MerchantStore, OPERATOR_SCOPES, type OperatorScope, type OperatorToken } from '../store/merchantStore.ts';

const TOKEN_PATTERN = /^dcdp_([0-9a-f]{16})_([0-9a-f]{64})$/;

function hashSecret(secret: string): string {
  return `0x${createHash('sha256').update(secret).digest('hex')}`;
}

/**
 * Creates a token with the given scopes (default all) and keeps its hash; the returned `token`
 * is shown once and cannot be recovered.
 * @example const { token } = await createOperatorToken({ store, name: 'till 1', scopes: ['requests:write'] });
 * @since 0.2.0
 */
export async function createOperatorToken(params: {
  store: MerchantStore;
  name: string;
  scopes?: readonly string[];
  /** Seconds until it stops working; default never (revoke it instead). */
  ttlSeconds?: number;
  now?: number;
}): Promise<{ token: string; info: OperatorToken }> {
  const name = params.name.trim();
  if (name.length < 1 || name.length > 100) {
    throw new InvalidInputError('A token needs a name of 1–100 characters.', { field: 'name' });
  }
  const scopes = [...new Set(params.scopes ?? OPERATOR_SCOPES)];
  for (const scope of scopes) {
    if (!(OPERATOR_SCOPES as readonly string[]).includes(scope)) {
      throw new InvalidInputError(`Unknown scope "${scope}".`, {
        field: 'scopes',
        hint: `Scopes: ${OPERATOR_SCOPES.join(', ')}.`,
      });
    }
  }
  if (scopes.length === 0) throw new InvalidInputError('A token needs at least one scope.', { field: 'scopes' });
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('hex');
  const info: OperatorToken = {
    id,
    name,
    secretHash: hashSecret(secret),
    scopes: scopes as OperatorScope[],
    createdAt: now,
    expiresAt: params.ttlSeconds === undefined ? null : now + params.ttlSeconds,
    revokedAt: null,
  };
  await params.store.saveOperatorToken(info);
  return { token: `dcdp_${id}_${secret}`, info };
}

/**
 * Checks an `Authorization: Bearer dcdp_…` header for one scope. Throws UnauthorizedError
 * (missing, malformed, unknown — e.g. another merchant's —, wrong, expired or revoked) or
 * ForbiddenError (valid, without the scope). Returns the token's stored description.
 * @since 0.2.0
 */
export async function authenticateOperator(params: {
  store: MerchantStore;
  authorization: string | undefined | null;
  scope: OperatorScope;
  now?: number;
}): Promise<OperatorToken> {
  const hint = 'Send Authorization: Bearer <token>; `decdp-merchant tokens create` makes one.';
  const match = /^Bearer\s+(\S+)$/i.exec(params.authorization?.trim() ?? '');
  if (!match) throw new UnauthorizedError('This route needs an operator token.', { field: 'authorization', hint });
  const parts = TOKEN_PATTERN.exec(match[1] as string);
  if (!parts) throw new UnauthorizedError('The operator token is malformed.', { field: 'authorization', hint });
  const [, id, secret] = parts as unknown as [string, string, string];
  const token = await params.store.getOperatorToken(id);
  const expected = Buffer.from((token?.secretHash ?? hashSecret('')).slice(2), 'hex');
  const given = Buffer.from(hashSecret(secret).slice(2), 'hex');
  // Compare even for an unknown id, so timing does not tell ids apart.
  if (!timingSafeEqual(expected, given) || !token) {
    throw new UnauthorizedError('The operator token is not valid here.', { field: 'authorization', hint });
  }
  const now = params.now ?? Math.floor(Date.now() / 1000);
  if (token.revokedAt !== null) {
    throw new UnauthorizedError(`The operator token ${token.id} was revoked.`, { field: 'authorization', hint });
  }
  if (token.expiresAt !== null && token.expiresAt <= now) {
    throw new UnauthorizedError(`The operator token ${token.id} has expired.`, { field: 'authorization', hint });
  }
  if (!token.scopes.includes(params.scope)) {
    throw new ForbiddenError(`The operator token ${token.id} lacks the scope ${params.scope}.`, {
      field: 'authorization',
      hint: `Create a token with --scope ${params.scope}.`,
    });
  }
  return token;
}
