// The offer LP handed to HiGHS (npm `highs`, wasm): a transportation problem with bounded cells.
// Loaded once per process (~25–70 ms), then every solve is synchronous. A session keeps one HiGHS
// model between solves of the same shape (same offers × contexts), so a re-solve after new click
// estimates only changes costs and bounds and starts from the last optimal basis (≈ 3× faster).
import highsModule, { type Highs, type Model } from 'highs';
import { OfferSolverError } from './errors.ts';

type HighsLoader = () => Promise<Highs>;
// `highs` ships CommonJS types but an ES module build: under Node's `import` condition the default
// export is the loader itself, while TypeScript sees it one `.default` deeper. Accept both.
const loadHighs: HighsLoader =
  typeof highsModule === 'function'
    ? (highsModule as unknown as HighsLoader)
    : (highsModule as unknown as { default: HighsLoader }).default;

let highsPromise: Promise<Highs> | undefined;

/** The HiGHS runtime, loaded on first use. */
export function loadHighsSolver(): Promise<Highs> {
  const loading =
    highsPromise ??
    loadHighs().catch((cause: unknown) => {
      highsPromise = undefined;
      throw new OfferSolverError('HiGHS (npm `highs`) could not be loaded.', { cause });
    });
  highsPromise = loading;
  return loading;
}

/** maximize Σ gain·x  s.t. Σ_cells-in-row x ≤ rowUpper, lower ≤ x ≤ upper; each cell in two rows. */
export type TransportLp = {
  /** For each column: its two rows (context row, offer row). */
  rowsOf: Int32Array;
  gain: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  rowUpper: Float64Array;
};

export type TransportSolution = {
  values: Float64Array;
  objective: number;
  solveMs: number;
  /** Whether the solve started from the session's previous basis. */
  warm: boolean;
};

/**
 * One persistent HiGHS model reused while the LP keeps its shape. Hold one per allocation that is
 * re-solved (a merchant's offers, a simulation run) and `dispose()` it when done: HiGHS memory is
 * wasm memory, not garbage-collected.
 */
export type TransportLpSession = {
  dispose(): void;
  /** @internal the model and the shape it was built for. */
  state?: { model: Model & { dispose(): void }; rowsOf: Int32Array; numRows: number };
};

export function createTransportLpSession(): TransportLpSession {
  const session: TransportLpSession = {
    dispose() {
      session.state?.model.dispose();
      session.state = undefined;
    },
  };
  return session;
}

// Dual simplex without presolve: on these LPs (two entries per column, box bounds) presolve costs
// more than it saves, and dual simplex is what HiGHS warm-starts from a basis.
const SOLVER_OPTIONS = { output_flag: false, presolve: 'off', solver: 'simplex', simplex_strategy: 1 } as const;

export async function solveTransportLp(lp: TransportLp, session?: TransportLpSession): Promise<TransportSolution> {
  const numCols = lp.gain.length;
  if (numCols === 0) return { values: new Float64Array(0), objective: 0, solveMs: 0, warm: false };
  const highs = await loadHighsSolver();
  const numRows = lp.rowUpper.length;
  const started = performance.now();
  const sameShape =
    session?.state !== undefined && session.state.numRows === numRows && equalIndices(session.state.rowsOf, lp.rowsOf);
  let model: Model & { dispose(): void };
  if (session?.state && sameShape) {
    model = session.state.model;
    const columns = { kind: 'range', from: 0, to: numCols - 1 } as const;
    model.changeColsCost(columns, lp.gain);
    model.changeColsBounds(columns, lp.lower, lp.upper);
    model.changeRowsBounds(
      { kind: 'range', from: 0, to: numRows - 1 },
      new Float64Array(numRows).fill(-highs.infinity),
      lp.rowUpper,
    );
  } else {
    session?.dispose();
    const starts = new Int32Array(numCols + 1);
    for (let column = 0; column <= numCols; column++) starts[column] = 2 * column;
    model = highs.createModel({
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: lp.gain,
      colLower: lp.lower,
      colUpper: lp.upper,
      rowLower: new Float64Array(numRows).fill(-highs.infinity),
      rowUpper: lp.rowUpper,
      matrix: {
        format: 'csc',
        numRows,
        numCols,
        starts,
        indices: lp.rowsOf,
        values: new Float64Array(2 * numCols).fill(1),
      },
    }) as Model & { dispose(): void };
    model.options.set(SOLVER_OPTIONS);
    if (session) session.state = { model, rowsOf: lp.rowsOf.slice(), numRows };
  }
  try {
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) {
      throw new OfferSolverError(`HiGHS ended with model status ${status}, not optimal.`, {
        details: [`${numCols} variables, ${numRows} constraints`],
        hint: 'Floors were checked before solving; this is a solver problem. Report it with the input.',
      });
    }
    const values = model.getSolution().colValue; // a copy, safe after dispose
    return { values, objective: model.getObjectiveValue(), solveMs: performance.now() - started, warm: sameShape };
  } catch (error) {
    // A failed model is not reused: the next solve starts clean.
    session?.dispose();
    if (error instanceof OfferSolverError) throw error;
    throw new OfferSolverError('HiGHS failed while solving the offer LP.', { cause: error });
  } finally {
    if (!session) model.dispose();
  }
}

function equalIndices(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
