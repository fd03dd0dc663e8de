// `decdp-merchant tokens create|list|revoke`: operator API tokens in the merchant's own store.
import { InvalidInputError } from '../../errors/index.ts';
import { OPERATOR_SCOPES } from '../../store/merchantStore.ts';
import { openStore } from '../../store/openStore.ts';
import { createOperatorToken } from '../operatorToken.ts';
import { parseSubcommand } from './parseSubcommand.ts';

export const TOKENS_USAGE = `Usage: decdp-merchant tokens <create|list|revoke> [options]

  create --name TEXT [--scope S]... [--ttl SECONDS]   prints the token once
  list                                                 every token (never a secret)
  revoke --id ID                                       the token stops working at once

  --db PATH|URL   the service's store (default merchant.sqlite)
  --json          one JSON object on stdout
  scopes: ${OPERATOR_SCOPES.join(', ')} (default: all)`;

/** Runs a tokens subcommand; returns what to print on stdout. Throws InvalidInputError on bad flags. */
export async function tokensCommand(argv: string[]): Promise<string> {
  const { action, values } = parseSubcommand(argv, {
    db: { type: 'string', default: 'merchant.sqlite' },
    name: { type: 'string' },
    scope: { type: 'string', multiple: true, default: [] },
    ttl: { type: 'string' },
    id: { type: 'string' },
  });
  const json = values.json;
  const now = Math.floor(Date.now() / 1000);
  const store = await openStore({ db: values.db });
  try {
    if (action === 'create') {
      if (!values.name) throw new InvalidInputError('tokens create needs --name.', { field: 'name' });
      if (values.ttl !== undefined && !/^\d+$/.test(values.ttl)) {
        throw new InvalidInputError(`--ttl must be whole seconds, got "${values.ttl}".`, { field: 'ttl' });
      }
      const { token, info } = await createOperatorToken({
        store,
        name: values.name,
        ...(values.scope.length > 0 ? { scopes: values.scope } : {}),
        ...(values.ttl !== undefined ? { ttlSeconds: Number(values.ttl) } : {}),
        now,
      });
      const { secretHash: _hash, ...shown } = info;
      return json
        ? JSON.stringify({ token, ...shown })
        : `${token}\n(token ${info.id}, scopes ${info.scopes.join(', ')}: shown once, keep it secret)`;
    }
    if (action === 'list') {
      const tokens = (await store.listOperatorTokens()).map(({ secretHash: _hash, ...shown }) => shown);
      if (json) return JSON.stringify(tokens);
      return tokens
        .map((token) =>
          [
            token.id,
            token.name,
            token.scopes.join(','),
            new Date(token.createdAt * 1000).toISOString(),
            token.expiresAt === null ? 'no expiry' : `expires ${new Date(token.expiresAt * 1000).toISOString()}`,
            token.revokedAt === null ? 'active' : `revoked ${new Date(token.revokedAt * 1000).toISOString()}`,
          ].join('\t'),
        )
        .join('\n');
    }
    if (action === 'revoke') {
      if (!values.id) throw new InvalidInputError('tokens revoke needs --id.', { field: 'id' });
      const revoked = await store.revokeOperatorToken({ id: values.id, at: now });
      if (!revoked) {
        throw new InvalidInputError(`No active token ${values.id}.`, {
          field: 'id',
          hint: '`decdp-merchant tokens list` shows the ids.',
        });
      }
      return json ? JSON.stringify({ id: values.id, revokedAt: now }) : `revoked ${values.id}`;
    }
    throw new InvalidInputError(`unknown tokens action "${action}"`, { field: 'argv', hint: TOKENS_USAGE });
  } finally {
    await store.close();
  }
}
