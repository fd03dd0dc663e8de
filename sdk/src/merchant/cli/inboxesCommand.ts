// `decdp-merchant inboxes list|forget`: the inboxes people connected to this merchant, and
// forgetting one (the person asked, or the shop stops delivering there), through the running
// service's operator routes (GET /inboxes, DELETE /inboxes/:id; docs/merchant.md).
import { InvalidInputError } from '../../errors/index.ts';
import type { ConnectedInbox } from '../connectedInboxes.ts';
import { OPERATOR_CLIENT_USAGE, type OperatorCommandOptions, operatorSubcommand } from './operatorClient.ts';

export const INBOXES_USAGE = `Usage: decdp-merchant inboxes <action> [options]

  list                   the inboxes people connected: id and address
  forget --id ID         forget one: nothing is delivered there again (the person's pod is not touched)

${OPERATOR_CLIENT_USAGE.replace('SCOPE', 'requests:write')}
  --json          one JSON value on stdout (list: an array; forget: { forgotten })`;

/** Runs an inboxes subcommand; returns what to print on stdout. Throws a DecdpError when refused. */
export async function inboxesCommand(argv: string[], options: OperatorCommandOptions = {}): Promise<string> {
  const { action, values, call } = operatorSubcommand({
    command: 'inboxes',
    argv,
    options: { id: { type: 'string' } },
    usage: INBOXES_USAGE,
    io: options,
  });
  switch (action) {
    case 'list': {
      const inboxes = (await call('GET', 'inboxes')) as ConnectedInbox[];
      if (values.json) return JSON.stringify(inboxes);
      return inboxes.length ? inboxes.map((box) => `${box.id} ${box.inbox}`).join('\n') : 'no connected inboxes';
    }
    case 'forget': {
      if (!values.id) throw new InvalidInputError('inboxes forget needs --id.', { field: 'id', hint: INBOXES_USAGE });
      const result = (await call('DELETE', `inboxes/${encodeURIComponent(values.id)}`)) as {
        forgotten: ConnectedInbox;
      };
      if (values.json) return JSON.stringify(result);
      return `forgot inbox ${result.forgotten.id} (${result.forgotten.inbox}): nothing is delivered there again`;
    }
    default:
      throw new InvalidInputError(`unknown inboxes action "${action}"`, { field: 'argv', hint: INBOXES_USAGE });
  }
}
