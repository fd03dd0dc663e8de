// "Ask this mask's members": the mask, the purpose in a sentence, an optional reward per answer in
// tokens and how many hours the request stays open. The service checks everything (a mask under k
// members is refused); a refusal that names a field is shown under that field.
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { Button, Card, SelectField, Send, TextAreaField, TextField } from '../../shared/ui/index.ts';
import { useMerchant } from '../state/MerchantState.tsx';
import { type MaskRequestView, type MaskView, sendMaskRequest } from './maskApi.ts';

type FormField = 'maskId' | 'purpose' | 'reward' | 'hours';
const FORM_FIELDS: readonly FormField[] = ['maskId', 'purpose', 'reward', 'hours'];

/** How long a request stays open, in hours (the service takes 1 to 720). */
const OPEN_FOR = [
  { value: '1', label: '1 hour' },
  { value: '6', label: '6 hours' },
  { value: '24', label: '1 day' },
  { value: '72', label: '3 days' },
  { value: '168', label: '7 days' },
  { value: '720', label: '30 days' },
] as const;

/** The form field a service error names ("body.reward.amount" → reward), if it is one of this form's. */
export function formFieldOf(field: string | undefined): FormField | null {
  const first = field?.replace(/^body\./, '').split('.')[0];
  return FORM_FIELDS.find((name) => name === first) ?? null;
}

export function AskMaskForm(props: {
  masks: readonly MaskView[];
  symbol: string;
  onSent: (request: MaskRequestView) => void;
}) {
  const merchant = useMerchant();
  const firstAskable = props.masks.find((mask) => mask.canAsk) ?? props.masks[0];
  const [maskId, setMaskId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [reward, setReward] = useState('');
  const [hours, setHours] = useState<(typeof OPEN_FOR)[number]['value']>('24');
  const [sending, setSending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FormField, string>>>({});
  const [error, setError] = useState<ErrorInWords | null>(null);
  // Until the operator picks one, the first mask that can be asked.
  const chosen = maskId || firstAskable?.maskId || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { config, operatorToken } = merchant;
    if (!config || !operatorToken) return;
    setSending(true);
    setError(null);
    setFieldErrors({});
    try {
      const sent = await sendMaskRequest(
        config.merchantService,
        {
          maskId: chosen,
          purpose: purpose.trim(),
          ...(reward.trim() ? { reward: { amount: reward.trim() } } : {}),
          hours: Number(hours),
        },
        operatorToken,
      );
      merchant.setStatus(
        `Sent to the members of ${sent.maskName}: “${sent.purpose}”. Each answer will tell you a member answered, never which one.`,
      );
      setPurpose('');
      props.onSent(sent);
    } catch (caught) {
      const words = errorInWords(caught);
      const field = formFieldOf(words.field);
      // Under its field, the message need not name the field again ("purpose: too short").
      if (field) setFieldErrors({ [field]: words.message.replace(`${words.field}: `, '') });
      else setError(words);
      merchant.setStatus(`The request was not sent: ${words.message}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card as="section" title="Ask this mask’s members" level={3} data-testid="mask-request-form">
      <p className="muted">
        The request goes to the mask’s board, where members’ wallets find it. A member who answers sends a proof that
        they wear the mask, bound to your shop: you learn that a member answered, never which one. With a reward, the
        answer names an address that person keeps for your shop only, and you pay it from the table below.
      </p>
      <form aria-label="Ask this mask’s members" onSubmit={(event) => void submit(event)} noValidate>
        <SelectField
          label="Mask"
          data-testid="mask-request-mask"
          value={chosen}
          onValue={setMaskId}
          options={props.masks.map((mask) => ({
            value: mask.maskId,
            label: mask.canAsk ? mask.name : `${mask.name} (too few members to ask)`,
          }))}
          error={fieldErrors.maskId}
        />
        <TextAreaField
          label="Purpose"
          hint="One sentence members read before they answer: what you ask and why."
          data-testid="mask-request-purpose"
          rows={3}
          cols={60}
          value={purpose}
          onValue={setPurpose}
          error={fieldErrors.purpose}
        />
        <TextField
          label={`Reward per answer (${props.symbol}, optional)`}
          hint="Leave empty to ask without a reward. You pay each answer yourself, after it arrives."
          data-testid="mask-request-reward"
          inputMode="decimal"
          value={reward}
          onValue={setReward}
          error={fieldErrors.reward}
        />
        <SelectField
          label="Open for"
          hint="Members can answer until then; you read and pay the answers afterwards too."
          data-testid="mask-request-hours"
          value={hours}
          onValue={setHours}
          options={OPEN_FOR}
          error={fieldErrors.hours}
        />
        <Button type="submit" variant="primary" icon={Send} busy={sending} data-testid="mask-request-send">
          {sending ? 'Sending…' : 'Send to the members'}
        </Button>
        {error ? <ErrorNotice error={error} testId="mask-request-error" /> : null}
      </form>
    </Card>
  );
}
