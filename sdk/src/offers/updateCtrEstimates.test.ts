import { describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { createCtrEstimates, estimateCtr, updateCtrEstimates } from './updateCtrEstimates.ts';

function codeOf(action: () => unknown): { code: string; field: string | undefined } {
  try {
    action();
  } catch (error) {
    if (error instanceof DecdpError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a DecdpError');
}

describe('updateCtrEstimates', () => {
  it('starts at the prior mean and moves to the Beta posterior mean with feedback', () => {
    const estimates = createCtrEstimates({ prior: { alpha: 1, beta: 39 } });
    expect(estimateCtr({ estimates, offerId: 'helmet', contextId: 'search' })).toEqual({
      ctr: 1 / 40,
      clicks: 0,
      impressions: 0,
      prior: { alpha: 1, beta: 39 },
    });
    const next = updateCtrEstimates({
      estimates,
      feedback: [
        { offerId: 'helmet', contextId: 'search', impressions: 120, clicks: 6 },
        { offerId: 'helmet', contextId: 'search', impressions: 40, clicks: 2 },
        { offerId: 'lights', contextId: 'search', impressions: 10, clicks: 0 },
      ],
    });
    expect(estimateCtr({ estimates: next, offerId: 'helmet', contextId: 'search' }).ctr).toBeCloseTo(9 / 200, 12);
    expect(estimateCtr({ estimates: next, offerId: 'lights', contextId: 'search' }).ctr).toBeCloseTo(1 / 50, 12);
    expect(estimates.cells).toEqual({});
    expect(JSON.parse(JSON.stringify(next))).toEqual(next);
  });

  it('converges to the true rate and forgets old evidence with decay', () => {
    let estimates = createCtrEstimates();
    for (let round = 0; round < 100; round++) {
      estimates = updateCtrEstimates({
        estimates,
        feedback: [{ offerId: 'o', contextId: 'c', impressions: 1000, clicks: 30 }],
      });
    }
    expect(estimateCtr({ estimates, offerId: 'o', contextId: 'c' }).ctr).toBeCloseTo(0.03, 4);
    const shifted = updateCtrEstimates({
      estimates,
      decay: 0.5,
      feedback: [{ offerId: 'o', contextId: 'c', impressions: 1000, clicks: 80 }],
    });
    const cell = shifted.cells.o?.c;
    expect(cell).toEqual({ impressions: 51_000, clicks: 1_580 });
  });

  it('keeps ids that look like object internals as plain data', () => {
    const next = updateCtrEstimates({
      estimates: createCtrEstimates(),
      feedback: [{ offerId: '__proto__', contextId: 'constructor', impressions: 10, clicks: 1 }],
    });
    expect(estimateCtr({ estimates: next, offerId: '__proto__', contextId: 'constructor' }).clicks).toBe(1);
    expect(estimateCtr({ estimates: next, offerId: 'toString', contextId: 'c' }).impressions).toBe(0);
  });

  it('refuses bad feedback with stable codes', () => {
    const estimates = createCtrEstimates();
    const update =
      (feedback: Parameters<typeof updateCtrEstimates>[0]['feedback'], extra = {}) =>
      () =>
        updateCtrEstimates({ estimates, feedback, ...extra });
    expect(codeOf(update([{ offerId: 'o', contextId: 'c', impressions: 5, clicks: 6 }]))).toEqual({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'feedback[0].clicks',
    });
    expect(codeOf(update([{ offerId: 'o', contextId: 'c', impressions: -1, clicks: 0 }]))).toEqual({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'feedback[0].impressions',
    });
    expect(codeOf(update([{ offerId: '', contextId: 'c', impressions: 1, clicks: 0 }]))).toEqual({
      code: 'INVALID_INPUT',
      field: 'feedback[0].offerId',
    });
    const known = { known: { offerIds: ['o'], contextIds: ['c'] } };
    expect(codeOf(update([{ offerId: 'x', contextId: 'c', impressions: 1, clicks: 0 }], known))).toEqual({
      code: 'UNKNOWN_OFFER',
      field: 'feedback[0].offerId',
    });
    expect(codeOf(update([{ offerId: 'o', contextId: 'checkout', impressions: 1, clicks: 0 }], known))).toEqual({
      code: 'UNKNOWN_CONTEXT',
      field: 'feedback[0].contextId',
    });
    expect(codeOf(update([], { decay: 0 }))).toEqual({ code: 'VALUE_OUT_OF_RANGE', field: 'decay' });
    expect(codeOf(() => createCtrEstimates({ prior: { alpha: 0, beta: 1 } }))).toEqual({
      code: 'VALUE_OUT_OF_RANGE',
      field: 'prior.alpha',
    });
  });
});
