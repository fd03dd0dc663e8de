// "Standard settings": the person's standing policies, shown and editable, and the log of every
// answer they gave automatically.
import type { StandingPolicy } from '@decdp/sdk/wallet';
import { Actions, Badge, Button, Card, CardList, Empty, Plus, Section, Trash2 } from '../shared/ui/index.ts';
import type { AutomaticAnswer } from './pod.ts';

/** Ready-made rules from the design's examples; the person can add and remove them. */
export const PRESETS: { id: string; label: string; make: (now: Date) => StandingPolicy }[] = [
  {
    id: 'adults',
    label: 'Always prove "age ≥ 18" to any merchant',
    make: (now) => ({
      version: 1,
      id: 'always-age-18',
      effect: 'allow',
      label: 'Always prove "age ≥ 18" to any merchant',
      attributes: ['age'],
      predicate: { op: 'gte', value: 18 },
      createdAt: now.toISOString(),
    }),
  },
  {
    id: 'no-location',
    label: 'Never share where I live',
    make: (now) => ({
      version: 1,
      id: 'never-location',
      effect: 'deny',
      label: 'Never share where I live',
      attributes: ['countryOfResidence', 'city'],
      createdAt: now.toISOString(),
    }),
  },
];

export function PolicyList(props: {
  policies: { url: string; value: StandingPolicy }[];
  log: { url: string; value: AutomaticAnswer }[];
  busy: boolean;
  onAdd: (policy: StandingPolicy) => void;
  onRemove: (url: string) => void;
}) {
  const present = new Set(props.policies.map((entry) => entry.value.id));
  return (
    <Section title="Your standard settings" id="settings">
      <p className="muted">
        Settings answer requests for you. "Never" settings win; a request with a warning is always left to you.
      </p>
      {props.policies.length === 0 ? <Empty>No settings yet.</Empty> : null}
      <CardList data-testid="policy-list">
        {props.policies.map(({ url, value }) => (
          <Card as="li" key={url} data-testid="policy-item" data-effect={value.effect}>
            <p>
              <Badge tone={value.effect === 'deny' ? 'warning' : 'success'}>
                {value.effect === 'deny' ? 'never' : 'always'}
              </Badge>{' '}
              {value.label}
            </p>
            <Button
              icon={Trash2}
              onClick={() => props.onRemove(url)}
              disabled={props.busy}
              aria-label={`Remove setting: ${value.label}`}
            >
              Remove
            </Button>
          </Card>
        ))}
      </CardList>
      <Actions>
        {PRESETS.filter((preset) => !present.has(preset.make(new Date()).id)).map((preset) => (
          <Button
            key={preset.id}
            icon={Plus}
            data-testid={`add-policy-${preset.id}`}
            onClick={() => props.onAdd(preset.make(new Date()))}
            disabled={props.busy}
          >
            Add: {preset.label}
          </Button>
        ))}
      </Actions>
      {props.log.length > 0 ? (
        <>
          <h3>Answered by your settings</h3>
          <ul data-testid="automatic-log">
            {props.log.map(({ url, value }) => (
              <li key={url} data-testid="automatic-answer" data-decision={value.decision}>
                {new Date(value.at).toLocaleString()}: {value.decision === 'approve' ? 'yes' : 'no'} to {value.merchant}{' '}
                — {value.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
