// `decdp-merchant campaigns create|top-up|pause|resume|close|list`: the merchant's campaigns from a
// shell, through the running service's operator routes (/campaigns, docs/merchant.md) — the one
// place that creates, funds and closes them, so the page, the CLI and scripts agree. Amounts in
// tokens ("12.5"), as the wallet shows them.
import { InvalidInputError } from '../../errors/index.ts';
import type { CampaignView } from '../campaignDesk.ts';
import {
  OPERATOR_CLIENT_USAGE,
  type OperatorCommandOptions,
  operatorSubcommand,
  stringFlags,
} from './operatorClient.ts';

export const CAMPAIGNS_USAGE = `Usage: decdp-merchant campaigns <action> [options]

  create --predicate JSON --reward TOKENS --budget TOKENS [--days N]
                         a new campaign paying TOKENS per answer proving the predicate,
                         e.g. --predicate '{"attribute":"age","op":"gte","value":18}' --reward 5 --budget 100
  top-up --id ID --amount TOKENS
  pause --id ID | resume --id ID
  close --id ID          ends the campaign now; what is left of its budget comes back at once
  list

${OPERATOR_CLIENT_USAGE.replace('SCOPE', 'campaigns:write')}
  --json          one JSON object (list: an array) on stdout`;

type Shown = CampaignView & { txHash?: string | null; withdrawn?: string | null };

/** Runs a campaigns subcommand; returns what to print on stdout. Throws a DecdpError when refused. */
export async function campaignsCommand(argv: string[], options: OperatorCommandOptions = {}): Promise<string> {
  const {
    action,
    values,
    call: request,
    need,
  } = operatorSubcommand({
    command: 'campaigns',
    argv,
    options: stringFlags('id', 'amount', 'predicate', 'reward', 'budget', 'days'),
    usage: CAMPAIGNS_USAGE,
    io: options,
  });
  const call = (method: 'GET' | 'POST', path: string, body?: unknown) => {
    if (method === 'POST') process.stderr.write(`decdp-merchant: ${action}: waiting for the transaction…\n`);
    return request(method, path, body);
  };
  const id = () => encodeURIComponent(need('id'));
  let shown: Shown | Shown[];
  switch (action) {
    case 'list':
      shown = (await call('GET', 'campaigns')) as Shown[];
      break;
    case 'create': {
      let predicate: unknown;
      try {
        predicate = JSON.parse(need('predicate'));
      } catch (cause) {
        throw new InvalidInputError('--predicate must be JSON.', { field: 'predicate', cause });
      }
      if (values.days !== undefined && !/^\d+$/.test(values.days)) {
        throw new InvalidInputError(`--days must be a whole number, got "${values.days}".`, { field: 'days' });
      }
      shown = (await call('POST', 'campaigns', {
        predicate,
        rewardPerAnswer: need('reward'),
        budget: need('budget'),
        days: Number(values.days ?? 30),
      })) as Shown;
      break;
    }
    case 'top-up':
      shown = (await call('POST', `campaigns/${id()}/top-up`, { amount: need('amount') })) as Shown;
      break;
    case 'pause':
    case 'resume':
    case 'close':
      shown = (await call('POST', `campaigns/${id()}/${action}`)) as Shown;
      break;
    default:
      throw new InvalidInputError(`unknown campaigns action "${action}"`, { field: 'argv', hint: CAMPAIGNS_USAGE });
  }
  if (values.json) return JSON.stringify(shown);
  return (Array.isArray(shown) ? shown : [shown]).map(describe).join('\n');
}

function describe(campaign: Shown): string {
  const unit = campaign.token.symbol;
  return [
    `campaign ${campaign.campaignId}: ${campaign.status}, pays ${campaign.rewardPerAnswer} ${unit} for "${campaign.pays}"`,
    `budget left ${campaign.remaining} ${unit}, paid ${campaign.paid} ${unit} (${campaign.answersPaid} answers)`,
    `until ${new Date(campaign.end * 1000).toISOString()}`,
    ...(campaign.withdrawn ? [`${campaign.withdrawn} ${unit} came back`] : []),
    ...(campaign.txHash ? [`transaction ${campaign.txHash}`] : []),
  ].join('; ');
}
