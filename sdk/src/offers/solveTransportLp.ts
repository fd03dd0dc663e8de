// The offer LP handed to HiGHS (npm `highs`, wasm): a transportation problem with bounded cells.
// Loaded once per process (~25–70 ms), then every solve is synchronous.
import highsModule, { type Highs } from 'highs';
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

export type TransportSolution = { values: Float64Array; objective: number; solveMs: number };

export async function solveTransportLp(lp: TransportLp): Promise<TransportSolution> {
  const numCols = lp.gain.length;
  if (numCols === 0) return { values: new Float64Array(0), objective: 0, solveMs: 0 };
  const highs = await loadHighsSolver();
  const numRows = lp.rowUpper.length;
  const starts = new Int32Array(numCols + 1);
  for (let column = 0; column <= numCols; column++) starts[column] = 2 * column;
  const started = performance.now();
  const result = highs.withModel(
    {
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
    },
    (model) => {
      model.options.set({ output_flag: false });
      model.run();
      const status = model.getModelStatus();
      if (status !== highs.constants.modelStatus.optimal) return { status, values: undefined, objective: Number.NaN };
      return { status, values: model.getSolution().colValue, objective: model.getObjectiveValue() };
    },
  );
  const solveMs = performance.now() - started;
  if (!result.values) {
    throw new OfferSolverError(`HiGHS ended with model status ${result.status}, not optimal.`, {
      details: [`${numCols} variables, ${numRows} constraints`],
      hint: 'Floors were checked before solving; this is a solver problem. Report it with the input.',
    });
  }
  return { values: result.values, objective: result.objective, solveMs };
}
