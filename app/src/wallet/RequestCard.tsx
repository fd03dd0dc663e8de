import { formatUnits } from 'ethers';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import type { ErrorInWords } from '../shared/errors.ts';
import { formatRelative, shorten } from '../shared/format.ts';
import type { ApproveResult, ApproveStep } from './approveRequest.ts';
import type { WalletRequest } from './walletRequests.ts';

export type RequestPhase =
  | { state: 'working'; step: ApproveStep }
  | { state: 'done'; result: ApproveResult }
  | { state: 'failed'; error: ErrorInWords };

export type TokenInfo = { symbol: string; decimals: number };

export function stepInWords(step: ApproveStep, merchantName: string): string {
  switch (step.step) {
    case 'proving': {
      const progress = step.progress;
      if (!progress) return 'Starting the prover…';
      if (progress.stage === 'artifacts') {
        const percent = progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
        return `Loading the proving key (${percent}%)…`;
      }
      return `Making proof ${Math.min(progress.done + 1, progress.total)} of ${progress.total} on this device…`;
    }
    case 'sending':
      return `Sending the proof to ${merchantName}…`;
    case 'saving-receipt':
      return 'Saving your consent receipt in your pod…';
    case 'waiting-for-reward':
      return 'Waiting for the reward transaction…';
  }
}

function ProofProgress(props: { step: ApproveStep; merchantName: string }) {
  const { step } = props;
  // Determinate while downloading; indeterminate while a proof runs (snarkjs reports no steps).
  const value =
    step.step === 'proving' && step.progress?.stage === 'artifacts' && step.progress.total
      ? step.progress.done / step.progress.total
      : undefined;
  const words = stepInWords(step, props.merchantName);
  return (
    <div data-testid="proof-progress" data-step={step.step}>
      <progress aria-label={words} {...(value === undefined ? {} : { value, max: 1 })} />
      <span> {words}</span>
    </div>
  );
}

/** One merchant request in plain words: who asks, what is revealed (never the value), why, how long, what it pays. */
export function RequestCard(props: {
  item: WalletRequest;
  phase: RequestPhase | undefined;
  token: TokenInfo;
  now: number;
  canApprove: boolean;
  onApprove: () => void;
  onDeny: () => void;
  onAlwaysAllow: () => void;
  onNeverAllow: () => void;
}) {
  const { item, phase, token } = props;
  const { request } = item.signed;
  const working = phase?.state === 'working';
  const answered = phase?.state === 'done' || item.receipt !== null;
  const reward = request.reward;
  return (
    <li
      data-testid="request-item"
      data-request-id={request.id}
      data-state={item.problem ? 'invalid' : answered ? 'answered' : working ? 'working' : 'open'}
      aria-busy={working}
    >
      <h3>{request.merchant.name} asks</h3>
      <dl className="facts">
        <dt>From</dt>
        <dd>
          {request.merchant.name} <span className="mono muted">({shorten(request.merchant.address)})</span>
        </dd>
        <dt>They would learn only</dt>
        <dd>
          <ul data-testid="request-predicates">
            {item.explained.reveals.map((words, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: predicates have no id; order is fixed by the signature.
              <li key={index}>{words}</li>
            ))}
          </ul>
          {item.explained.warnings.some((warning) => warning.code === 'REVEALS_EXACT_VALUE') ? null : (
            <span className="muted">Not the value itself.</span>
          )}
        </dd>
        <dt>Why</dt>
        <dd>{request.purpose.text}</dd>
        <dt>Kept for</dt>
        <dd>{request.retentionDays} days</dd>
        <dt>Reward</dt>
        <dd data-testid="request-reward">
          {reward
            ? `${formatUnits(reward.amount, token.decimals)} ${token.symbol}, paid to your reward address`
            : 'none'}
        </dd>
        <dt>Open until</dt>
        <dd>{formatRelative(request.expiresAt, props.now)}</dd>
        <dt>Came from</dt>
        <dd>{item.sources.join(' and ')}</dd>
      </dl>
      {item.problem ? (
        <p className="notice notice-error" data-testid="request-problem">
          This request cannot be answered: {item.problem}
        </p>
      ) : null}
      {item.explained.warnings
        .filter((warning) => warning.code === 'REVEALS_EXACT_VALUE')
        .map((warning) => (
          <p key={`${warning.code}-${warning.predicate}`} className="notice notice-error" data-testid="request-warning">
            Careful: {warning.message} Settings never answer such a request for you.
          </p>
        ))}
      {item.automatic ? (
        <p className="muted" data-testid="request-automatic">
          {item.automatic}
        </p>
      ) : null}
      {phase?.state === 'working' ? <ProofProgress step={phase.step} merchantName={request.merchant.name} /> : null}
      {phase?.state === 'failed' ? <ErrorNotice error={phase.error} testId="request-error" /> : null}
      {phase?.state === 'done' ? (
        <p className="notice notice-info" data-testid="request-result">
          Answered. {request.merchant.name} recorded your proof
          {phase.result.answer.duplicate ? ' (it already had this answer)' : ''}.
          {phase.result.answer.reward
            ? ` Reward: ${formatUnits(phase.result.answer.reward.amount, token.decimals)} ${token.symbol} (transaction ${shorten(phase.result.answer.reward.txHash)}).`
            : ''}{' '}
          Proof made in {(phase.result.timings.provingMs / 1000).toFixed(1)} s.
        </p>
      ) : null}
      {!phase && item.receipt ? (
        <p className="muted">You answered this request on {new Date(item.receipt.createdAt).toLocaleDateString()}.</p>
      ) : null}
      {!item.problem && !answered ? (
        <div>
          <button
            type="button"
            data-testid="approve-button"
            onClick={props.onApprove}
            disabled={working || !props.canApprove}
          >
            Approve and prove
          </button>
          <button type="button" data-testid="deny-button" onClick={props.onDeny} disabled={working}>
            Deny
          </button>
          <button
            type="button"
            data-testid="always-allow-button"
            onClick={props.onAlwaysAllow}
            disabled={working || !props.canApprove || item.explained.warnings.length > 0}
          >
            Always allow this
          </button>
          <button type="button" data-testid="never-allow-button" onClick={props.onNeverAllow} disabled={working}>
            Never allow this
          </button>
        </div>
      ) : null}
    </li>
  );
}
