// A long identifier (address, WebID, hash) shown the way people can read it: a short form, the
// whole value one click away (copy), never the raw string as the main text.
import { useState } from 'react';
import { shorten } from './format.ts';
import { Check, Copy, Icon } from './ui/index.ts';

export function ShortValue(props: { value: string; label: string; testId?: string; short?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="short-value">
      <span className="mono" data-testid={props.testId} data-value={props.value} title={props.value}>
        {props.short ?? shorten(props.value)}
      </span>{' '}
      <button
        type="button"
        className="copy"
        data-testid={props.testId ? `${props.testId}-copy` : undefined}
        aria-label={`Copy ${props.label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(props.value).then(() => setCopied(true));
        }}
      >
        <Icon icon={copied ? Check : Copy} />
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
