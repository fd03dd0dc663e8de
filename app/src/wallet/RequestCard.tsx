import { merchantServiceOf } from '@decdp/sdk/protocol';
import { disclosesExactValue } from '@decdp/sdk/wallet';
import { formatUnits } from 'ethers';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../shared/ErrorNotice.tsx';
import { formatRelative, shorten } from '../shared/format.ts';
import {
  Ban,
  Button,
  Card,
  Check,
  CheckboxField,
  type LucideIcon,
  Notice,
  ProgressBar,
  ShieldCheck,
  ThumbsDown,
  X,
} from '../shared/ui/index.ts';
import { type RequestPhase, stepInWords } from './approvalPhase.ts';
import type { ApproveStep } from './approveRequest.ts';
import { OfferForContext } from './offers/OfferForContext.tsx';
import type { RequestCheck } from './requests/checkRequest.ts';
import type { WalletRequest } from './walletRequests.ts';

export type TokenInfo = { symbol: string; decimals: number };

/** Share of the bar for loading the keys; the proofs share the rest. */
const ARTIFACTS_SHARE = 0.2;

/**
 * How far the approval is, 0..1. Downloads count bytes; a proof, which snarkjs does not report
 * step by step, moves with the time the worker expects it to take, never past 95 % of its share.
 */
export function proofFraction(step: ApproveStep, elapsedMs: number): number {
  if (step.step !== 'proving') return 1;
  const progress = step.progress;
  if (!progress) return 0;
  if (progress.stage === 'artifacts') {
    return progress.total ? (ARTIFACTS_SHARE * progress.done) / progress.total : 0;
  }
  const total = Math.max(progress.total, 1);
  const within = progress.estimateMs ? Math.min(elapsedMs / progress.estimateMs, 0.95) : 0;
  const proofs = Math.min(progress.done + (progress.done < total ? within : 0), total);
  return ARTIFACTS_SHARE + ((1 - ARTIFACTS_SHARE) * proofs) / total;
}

/**
 * How far the approval (or a claim) is, 0..1, re-read while a proof runs: the clock restarts
 * whenever a new proof (or stage) begins.
 */
export function useProofFraction(step: ApproveStep): number {
  const progress = step.step === 'proving' ? step.progress : null;
  const started = useRef({ key: '', at: 0 });
  const key = `${step.step}:${progress?.stage}:${progress?.done}`;
  if (started.current.key !== key) started.current = { key, at: performance.now() };
  const [, setTick] = useState(0);
  const ticking = progress?.stage === 'proving';
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 100);
    return () => clearInterval(timer);
  }, [ticking]);
  return proofFraction(step, performance.now() - started.current.at);
}

function ProofProgress(props: { step: ApproveStep; merchantName: string; onCancel: () => void }) {
  const { step } = props;
  const progress = step.step === 'proving' ? step.progress : null;
  const fraction = useProofFraction(step);
  // Keyboard users: the Approve button they pressed is disabled now, so focus moves to Cancel.
  const cancelButton = useRef<HTMLButtonElement>(null);
  const cancellable = step.step === 'proving';
  useEffect(() => {
    if (cancellable && document.activeElement?.closest('[data-testid="request-item"]')) cancelButton.current?.focus();
  }, [cancellable]);
  const words = stepInWords(step, props.merchantName);
  return (
    <div data-testid="proof-progress" data-step={step.step} data-stage={progress?.stage ?? ''} className="progress">
      <ProgressBar label="Progress of your answer" fraction={fraction} words={words} testId="proof-progress-bar" />
      {step.step === 'proving' ? (
        <Button
          icon={X}
          data-testid="cancel-proof"
          ref={cancelButton}
          onClick={props.onCancel}
          aria-label={`Cancel the proof for ${props.merchantName}`}
        >
          Cancel
        </Button>
      ) : null}
    </div>
  );
}

/** One merchant request in plain words: who asks, what is revealed (never the value), why, how long, what it pays. */
export function RequestCard(props: {
  item: WalletRequest;
  phase: RequestPhase | undefined;
  token: TokenInfo;
  now: number;
  /** Whether the credentials can answer and the reward can be paid; undefined while being checked. */
  check: RequestCheck | undefined;
  /** Its proof is already made on this device (nothing sent): Approve only sends it. */
  prepared?: boolean;
  canApprove: boolean;
  /**
   * Offer "Let this shop send requests to my pod" with the answer: only while the shop is not
   * connected. Unchecked by default: link and QR code delivery stays the default.
   */
  offerConnect?: boolean;
  onApprove: (choice: { connect: boolean }) => void;
  onDeny: () => void;
  onAlwaysAllow: () => void;
  onNeverAllow: () => void;
  onCancel: () => void;
}) {
  const { item, phase, token } = props;
  const { request } = item.signed;
  const working = phase?.state === 'working';
  // Every card has the same buttons: screen readers hear which merchant's request each one answers.
  const headingId = `request-${request.id}-heading`;
  /** Deny, always allow, never allow: each names the request it decides, and waits while one is sent. */
  const decision = (icon: LucideIcon, testId: string, onClick: () => void, words: string, blocked = false) => (
    <Button
      icon={icon}
      data-testid={testId}
      onClick={onClick}
      disabled={working || blocked}
      aria-describedby={headingId}
    >
      {words}
    </Button>
  );
  // After a cancel the progress (and its focused Cancel button) disappears: focus returns to Approve.
  const approveButton = useRef<HTMLButtonElement>(null);
  const wasWorking = useRef(false);
  useEffect(() => {
    if (wasWorking.current && !phase && document.activeElement === document.body) approveButton.current?.focus();
    wasWorking.current = working;
  }, [working, phase]);
  const answered = phase?.state === 'done' || item.receipt !== null;
  // Once answered, the merchant knows what the person chose to prove: its offer may use that, and only that.
  const answeredReceipt =
    phase?.state === 'done' ? phase.result.receipt : item.receipt?.status === 'active' ? item.receipt : null;
  const reward = request.reward;
  const { check } = props;
  const rewardState = reward ? (check?.reward?.state ?? (check ? 'unknown' : 'checking')) : 'none';
  const rewardText = reward ? `${formatUnits(reward.amount, token.decimals)} ${token.symbol}` : 'none';
  // Approve is offered only once the wallet knows it can answer, and never for a reward already had.
  const answerable = check !== undefined && check.unsatisfied === null && rewardState !== 'claimed';
  const exact = request.predicates.some(disclosesExactValue);
  const [letReach, setLetReach] = useState(false);
  const shopName = request.merchant.name;
  return (
    <Card
      as="li"
      data-testid="request-item"
      data-request-id={request.id}
      data-state={item.problem ? 'invalid' : answered ? 'answered' : working ? 'working' : 'open'}
      data-prepared={Boolean(props.prepared && !answered && !working)}
      aria-busy={working}
    >
      <h3 id={headingId} className="card-title">
        {request.merchant.name} asks
      </h3>
      <dl className="facts">
        <dt>From</dt>
        <dd>
          {request.merchant.name} <span className="mono muted">({shorten(request.merchant.address)})</span>
        </dd>
        <dt>They would learn only</dt>
        <dd>
          <ul data-testid="request-predicates">
            {item.explained.disclosures.map((words, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: predicates have no id; order is fixed by the signature.
              <li key={index}>
                {words} <span className="muted">({item.explained.reveals[index]})</span>
              </li>
            ))}
          </ul>
          {exact || item.explained.warnings.some((warning) => warning.code === 'REVEALS_EXACT_VALUE') ? null : (
            <span className="muted">Not the value itself.</span>
          )}
        </dd>
        <dt>Why</dt>
        <dd>{request.purpose.text}</dd>
        <dt>Kept for</dt>
        <dd>{request.retentionDays} days</dd>
        <dt>Reward</dt>
        <dd data-testid="request-reward" data-reward-state={rewardState}>
          {!reward
            ? 'none'
            : check?.reward && check.reward.state !== 'payable'
              ? `${rewardText} offered, but: ${check.reward.message}`
              : `${rewardText}, paid to your reward address${rewardState === 'checking' ? ' (checking the campaign…)' : ''}`}
        </dd>
        <dt>Open until</dt>
        <dd>{formatRelative(request.expiresAt, props.now)}</dd>
        <dt>Came from</dt>
        <dd>{item.sources.join(' and ')}</dd>
      </dl>
      {item.problem ? (
        <Notice tone="error" role="status" testId="request-problem">
          This request cannot be answered: {item.problem}
        </Notice>
      ) : null}
      {!answered && check?.unsatisfied ? (
        <Notice tone="warning" testId="request-unanswerable">
          Your wallet cannot answer this request: {check.unsatisfied}
        </Notice>
      ) : null}
      {item.explained.warnings
        .filter((warning) => warning.code === 'REVEALS_EXACT_VALUE')
        .map((warning) => (
          <Notice key={`${warning.code}-${warning.predicate}`} tone="warning" testId="request-warning">
            Careful: {warning.message} Settings never answer such a request for you.
          </Notice>
        ))}
      {item.automatic ? (
        <p className="muted" data-testid="request-automatic">
          {item.automatic}
        </p>
      ) : null}
      {phase?.state === 'working' ? (
        <ProofProgress step={phase.step} merchantName={request.merchant.name} onCancel={props.onCancel} />
      ) : null}
      {phase?.state === 'failed' ? <ErrorNotice error={phase.error} testId="request-error" /> : null}
      {phase?.state === 'done' ? (
        <Notice
          tone="success"
          testId="request-result"
          data={{ 'data-artifacts': `${phase.result.timings.artifacts.wasm},${phase.result.timings.artifacts.zkey}` }}
        >
          Answered. {request.merchant.name} recorded your proof
          {phase.result.answer.duplicate ? ' (it already had this answer)' : ''}.
          {phase.result.answer.reward
            ? ` Reward: ${formatUnits(phase.result.answer.reward.amount, token.decimals)} ${token.symbol} (transaction ${shorten(phase.result.answer.reward.txHash)}).`
            : request.reward
              ? ' The reward could not be paid yet: claim it under "Your rewards".'
              : ''}{' '}
          Proof made in {(phase.result.timings.provingMs / 1000).toFixed(1)} s
          {phase.result.prepared ? ' while you read the request' : ''}.
        </Notice>
      ) : null}
      {!phase && item.receipt ? (
        <p className="muted">You answered this request on {new Date(item.receipt.createdAt).toLocaleDateString()}.</p>
      ) : null}
      {!item.problem && !answered && !working && props.prepared ? (
        <p className="muted" data-testid="request-prepared">
          Your proof is ready on this device. Nothing is sent until you approve.
        </p>
      ) : null}
      {answeredReceipt ? (
        <OfferForContext
          service={merchantServiceOf(item.signed)}
          merchantName={request.merchant.name}
          context={{ predicates: answeredReceipt.predicates }}
          pseudonym={answeredReceipt.pseudonym}
        />
      ) : null}
      {!item.problem && !answered && answerable && props.offerConnect ? (
        <CheckboxField
          className="connect-choice"
          data-testid="connect-with-answer"
          label={`Also let ${shopName} send requests to my pod`}
          hint={`${shopName} would get its own address in your pod. A pod address can identify you, so ${shopName} may learn who you are and link this answer to you. Without this, ${shopName} reaches you only by link or QR code, which tells it nothing about you. You can close the address at any time in Settings.`}
          checked={letReach}
          disabled={working}
          onChecked={setLetReach}
        />
      ) : null}
      {!item.problem && !answered ? (
        <div className="actions">
          {answerable ? (
            <Button
              variant="primary"
              icon={ShieldCheck}
              data-testid="approve-button"
              ref={approveButton}
              aria-describedby={headingId}
              onClick={() => props.onApprove({ connect: Boolean(props.offerConnect) && letReach })}
              disabled={working || !props.canApprove}
            >
              Approve and prove
            </Button>
          ) : check === undefined ? (
            <span className="muted" data-testid="request-checking">
              Checking whether your wallet can answer…{' '}
            </span>
          ) : null}
          {decision(ThumbsDown, 'deny-button', props.onDeny, 'Deny')}
          {decision(
            Check,
            'always-allow-button',
            props.onAlwaysAllow,
            'Always allow this',
            !props.canApprove || !answerable || item.explained.warnings.length > 0,
          )}
          {decision(Ban, 'never-allow-button', props.onNeverAllow, 'Never allow this')}
        </div>
      ) : null}
    </Card>
  );
}
