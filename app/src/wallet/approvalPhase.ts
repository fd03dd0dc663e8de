// Where an approval stands, and its step in words: shared by the request card that shows it and
// the answers state that drives it (kept apart from both so neither imports the other).
import type { ErrorInWords } from '../shared/errors.ts';
import type { ApproveResult, ApproveStep } from './approveRequest.ts';

export type RequestPhase =
  | { state: 'working'; step: ApproveStep }
  | { state: 'done'; result: ApproveResult }
  | { state: 'failed'; error: ErrorInWords };

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
