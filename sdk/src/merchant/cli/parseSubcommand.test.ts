import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../errors/index.ts';
import { operatorSubcommand, stringFlags } from './operatorClient.ts';
import { parseSubcommand } from './parseSubcommand.ts';

describe('parseSubcommand', () => {
  it('reads the action, the flags and --json', () => {
    expect(parseSubcommand(['revoke', '--id', 'abc', '--json'], { id: { type: 'string' } })).toEqual({
      action: 'revoke',
      values: { id: 'abc', json: true },
      positionals: ['revoke'],
    });
    expect(parseSubcommand([], { id: { type: 'string' } })).toEqual({
      action: '',
      values: { json: false },
      positionals: [],
    });
    // An action's own argument (`masks pay <request id>`) comes after it.
    expect(parseSubcommand(['pay', 'abc123def456', '--json'], {}).positionals).toEqual(['pay', 'abc123def456']);
  });

  it('turns a flag it does not know into an InvalidInputError on argv', () => {
    const refused = (() => {
      try {
        parseSubcommand(['list', '--nope'], {});
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', field: 'argv' });
  });
});

describe('operatorSubcommand', () => {
  it('refuses to start without an operator token, naming the command', () => {
    expect(() =>
      operatorSubcommand({ command: 'inboxes', argv: ['list'], options: {}, usage: 'Usage: …', io: { env: {} } }),
    ).toThrow(/inboxes needs an operator token/);
  });

  it('takes the token and the service from the environment when no flag gives them', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const { action, call } = operatorSubcommand({
      command: 'inboxes',
      argv: ['list'],
      options: {},
      usage: 'Usage: …',
      io: {
        env: { DECDP_OPERATOR_TOKEN: 'secret', DECDP_MERCHANT_SERVICE: 'http://127.0.0.1:1/shop/' },
        fetch: async (url, init) => {
          seen.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
          return Response.json([]);
        },
      },
    });
    expect(action).toBe('list');
    expect(await call('GET', 'inboxes')).toEqual([]);
    expect(seen).toEqual([{ url: 'http://127.0.0.1:1/shop/inboxes', authorization: 'Bearer secret' }]);
  });

  it('gives a flag’s value with need(), or refuses naming the flag with the usage as hint', () => {
    const { need } = operatorSubcommand({
      command: 'masks',
      argv: ['ask', '--mask', 'new-cyclist'],
      options: stringFlags('mask', 'purpose'),
      usage: 'Usage: decdp-merchant masks …',
      io: { env: { DECDP_OPERATOR_TOKEN: 'secret' } },
    });
    expect(need('mask')).toBe('new-cyclist');
    const refused = (() => {
      try {
        return need('purpose');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as Error).message).toMatch(/^masks ask needs --purpose\.\n/);
    expect(refused).toMatchObject({ field: 'purpose', hint: 'Usage: decdp-merchant masks …' });
  });
});
