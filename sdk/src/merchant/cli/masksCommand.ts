// `decdp-merchant masks list|ask|requests|pay`: requests to a mask's members from a shell, through
// the running service's operator routes (/operator/masks, /operator/mask-requests; docs/masks.md),
// the same routes the merchant page calls. Rewards in tokens ("2.5"), as the wallet shows them.
import { InvalidInputError } from '../../errors/index.ts';
import type { MaskPayoutResult, MaskRequestView, MaskView } from '../../protocol/maskDesk.ts';
import {
  OPERATOR_CLIENT_USAGE,
  type OperatorCommandOptions,
  operatorSubcommand,
  stringFlags,
} from './operatorClient.ts';

export const MASKS_USAGE = `Usage: decdp-merchant masks <action> [options]

  list                   the masks on the registry: size, k, the last closed profile
  ask --mask ID --purpose TEXT [--reward TOKENS] [--hours N]
                         a request to the mask's members (open N hours, default 24), paying
                         TOKENS per verified answer to the address the member bound into it
  requests               the requests sent, with their verified, paid and unpaid answers
                         and each payout's transaction (none: uncertain)
  pay REQUEST_ID         pays every verified, unpaid answer's recipient, at most once each

${OPERATOR_CLIENT_USAGE.replace('SCOPE', 'requests:write (pay: campaigns:write)')}
  --json          one JSON object on stdout`;

/** Runs a masks subcommand; returns what to print on stdout. Throws a DecdpError when refused. */
export async function masksCommand(argv: string[], options: OperatorCommandOptions = {}): Promise<string> {
  const { action, values, call, positionals, need } = operatorSubcommand({
    command: 'masks',
    argv,
    options: stringFlags('mask', 'purpose', 'reward', 'hours'),
    usage: MASKS_USAGE,
    io: options,
  });
  /** A listing route's items (`{ [key]: items }`), shown as they came and one line each. */
  const listed = async <Item>(path: string, key: string, describe: (item: Item) => string, none: string) => {
    const items = ((await call('GET', path)) as Record<string, Item[]>)[key] ?? [];
    return { shown: { [key]: items }, text: items.map(describe).join('\n') || none };
  };
  let shown: unknown;
  let text: string;
  switch (action) {
    case 'list':
      ({ shown, text } = await listed('operator/masks', 'masks', describeMask, 'no masks on the registry'));
      break;
    case 'ask': {
      if (values.hours !== undefined && !/^\d+$/.test(values.hours)) {
        throw new InvalidInputError(`--hours must be a whole number, got "${values.hours}".`, { field: 'hours' });
      }
      const request = (await call('POST', 'operator/mask-requests', {
        maskId: need('mask'),
        purpose: need('purpose'),
        ...(values.reward !== undefined ? { reward: { amount: values.reward } } : {}),
        ...(values.hours !== undefined ? { hours: Number(values.hours) } : {}),
      })) as MaskRequestView;
      shown = request;
      text = describeRequest(request);
      break;
    }
    case 'requests':
      ({ shown, text } = await listed('operator/mask-requests', 'requests', describeRequest, 'no mask requests sent'));
      break;
    case 'pay': {
      const id = positionals[1];
      if (!id) throw new InvalidInputError('masks pay needs the request id.', { field: 'id', hint: MASKS_USAGE });
      process.stderr.write('decdp-merchant: pay: waiting for the transfers…\n');
      const result = (await call(
        'POST',
        `operator/mask-requests/${encodeURIComponent(id)}/payouts`,
      )) as MaskPayoutResult;
      shown = result;
      text = [
        describeRequest(result.request),
        ...result.sent.map((payout) => `paid ${payout.recipient} in transaction ${payout.txHash}`),
        ...(result.sent.length === 0 ? ['nothing to pay'] : []),
      ].join('\n');
      break;
    }
    default:
      throw new InvalidInputError(`unknown masks action "${action}"`, { field: 'argv', hint: MASKS_USAGE });
  }
  return values.json ? JSON.stringify(shown) : text;
}

function describeMask(mask: MaskView): string {
  const profile = mask.profile
    ? `; interests ${mask.profile.interests.map((entry) => `${entry.label} ${entry.count}`).join(', ') || 'none'}`
    : '';
  return `${mask.maskId} "${mask.name}": ${mask.members} members, k ${mask.k}${mask.canAsk ? '' : ' (too small to ask)'}${profile}; ${mask.profileNote}`;
}

function describeRequest(request: MaskRequestView): string {
  // The token's own symbol, as the service read it from the token.
  const symbol = request.reward ? ` ${request.reward.symbol}` : '';
  const reward = request.reward ? `pays ${request.reward.amount}${symbol} per answer` : 'unrewarded';
  return [
    `request ${request.id} to ${request.maskName}: ${request.status}, ${reward}`,
    `${request.answers} verified answers, ${request.paid} paid (${request.paidTokens}${symbol}), ${request.unpaid} unpaid, ${request.uncertain} uncertain`,
    `until ${new Date(request.expiresAt * 1000).toISOString()}`,
  ]
    .concat(
      request.payouts.map((payout) =>
        payout.txHash
          ? `paid ${payout.amount}${symbol} to ${payout.recipient} in transaction ${payout.txHash}`
          : `${payout.amount}${symbol} to ${payout.recipient}: outcome not recorded (never sent again: check the chain)`,
      ),
    )
    .join('; ');
}
