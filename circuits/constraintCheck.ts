// Constraint-level checking for tests: read the committed r1cs, compute witnesses without the
// witness generator's own asserts, and say which constraints a witness breaks, by signal name.
// A circuit is only as strong as its constraints: the witness generator's asserts are a courtesy
// to honest provers, a cheating prover writes the witness itself. So the tests build cheating
// witnesses and ask the r1cs (not the generator) whether they pass.
import { readFile } from 'node:fs/promises';
import { WitnessCalculatorBuilder } from 'circom_runtime';

type LinearCombination = Map<number, bigint>;
export type Constraint = { a: LinearCombination; b: LinearCombination; c: LinearCombination };
export type R1cs = { prime: bigint; nWires: number; constraints: Constraint[] };

/** Parses an r1cs file (iden3 binary format, version 1): header and constraints. */
export async function readR1cs(file: string): Promise<R1cs> {
  const bytes = await readFile(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.subarray(0, 4).toString('latin1') !== 'r1cs') throw new Error(`${file} is not an r1cs file`);
  const sectionCount = view.getUint32(8, true);
  const sections = new Map<number, { start: number; size: number }>();
  let offset = 12;
  for (let i = 0; i < sectionCount; i++) {
    const type = view.getUint32(offset, true);
    const size = Number(view.getBigUint64(offset + 4, true));
    sections.set(type, { start: offset + 12, size });
    offset += 12 + size;
  }
  const header = sections.get(1);
  const body = sections.get(2);
  if (!header || !body) throw new Error(`${file} has no header or constraint section`);
  const n8 = view.getUint32(header.start, true);
  const littleEndian = (at: number): bigint => {
    let value = 0n;
    for (let i = n8 - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
    return value;
  };
  const prime = littleEndian(header.start + 4);
  const after = header.start + 4 + n8;
  const nWires = view.getUint32(after, true);
  const nConstraints = view.getUint32(after + 24, true);
  let at = body.start;
  const readCombination = (): LinearCombination => {
    const terms = new Map<number, bigint>();
    const count = view.getUint32(at, true);
    at += 4;
    for (let i = 0; i < count; i++) {
      terms.set(view.getUint32(at, true), littleEndian(at + 4));
      at += 4 + n8;
    }
    return terms;
  };
  const constraints: Constraint[] = [];
  for (let i = 0; i < nConstraints; i++) {
    constraints.push({ a: readCombination(), b: readCombination(), c: readCombination() });
  }
  return { prime, nWires, constraints };
}

/** Wire index → signal names, from circom's .sym file (label, wire, component, name; wire -1 = optimised away). */
export async function readSymbols(file: string): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [, wire, , name] = line.split(',');
    if (name === undefined || wire === undefined || Number(wire) < 0) continue;
    const list = names.get(Number(wire)) ?? [];
    list.push(name);
    names.set(Number(wire), list);
  }
  return names;
}

/** Indices of the constraints A·w × B·w = C·w that `witness` breaks (empty: it satisfies the r1cs). */
export function brokenConstraints(r1cs: R1cs, witness: readonly bigint[]): number[] {
  if (witness.length !== r1cs.nWires) throw new Error(`witness has ${witness.length} wires, r1cs ${r1cs.nWires}`);
  const p = r1cs.prime;
  const evaluate = (combination: LinearCombination): bigint => {
    let sum = 0n;
    for (const [wire, coefficient] of combination) sum += coefficient * (witness[wire] ?? 0n);
    return sum % p;
  };
  const broken: number[] = [];
  r1cs.constraints.forEach((constraint, index) => {
    const { a, b, c } = constraint;
    if ((evaluate(a) * evaluate(b) - evaluate(c)) % p !== 0n) broken.push(index);
  });
  return broken;
}

/** The signal names a constraint mentions (each wire's first name), sorted. */
export function constraintSignals(constraint: Constraint, symbols: Map<number, string[]>): string[] {
  const wires = new Set([...constraint.a.keys(), ...constraint.b.keys(), ...constraint.c.keys()]);
  wires.delete(0); // the constant 1
  return [...wires].map((wire) => symbols.get(wire)?.[0] ?? `wire ${wire}`).sort();
}

export type WitnessInput = Record<string, bigint | bigint[]>;

/**
 * The circuit's wasm witness generator with its asserts turned off: in circom's wasm, a failed
 * `===` assert prints its message (a call to the imported function 1, printErrorMessage) and
 * returns error code 4, which every caller passes up. Replacing that `return` (0x0f) with a `drop`
 * (0x1a) lets the computation go on, which is what a cheating prover's own generator does.
 */
export function withoutAsserts(wasm: Uint8Array): { wasm: Uint8Array<ArrayBuffer>; asserts: number } {
  const patched = new Uint8Array(wasm);
  const pattern = [0x10, 0x01, 0x41, 0x04, 0x0f]; // call $printErrorMessage; i32.const 4; return
  let asserts = 0;
  for (let i = 0; i + pattern.length <= patched.length; i++) {
    if (pattern.every((byte, k) => patched[i + k] === byte)) {
      patched[i + 4] = 0x1a;
      asserts += 1;
    }
  }
  return { wasm: patched, asserts };
}

/**
 * A witness computed by `withoutAsserts(wasm)`: every `<--` hint and `<==` assignment is computed as
 * usual, so the result is what a prover who skips the checks would hand to the prover.
 * `failedAsserts` counts the asserts that would have stopped an honest generator.
 */
export async function uncheckedWitness(
  uncheckedWasm: Uint8Array<ArrayBuffer>,
  input: WitnessInput,
): Promise<{ witness: bigint[]; failedAsserts: number }> {
  let failedAsserts = 0;
  const ignore = () => {};
  const fail = (code: number) => {
    throw new Error(`witness calculator error ${code}`);
  };
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(uncheckedWasm), {
    env: { memory: new WebAssembly.Memory({ initial: 2048 }) },
    runtime: {
      exceptionHandler: fail,
      printErrorMessage: () => {
        failedAsserts += 1;
      },
      writeBufferMessage: ignore,
      showSharedRWMemory: ignore,
      printDebug: ignore,
      error: fail,
      log: ignore,
      logGetSignal: ignore,
      logSetSignal: ignore,
      logStartComponent: ignore,
      logFinishComponent: ignore,
    },
  });
  const calculator = await WitnessCalculatorBuilder(instance);
  const witness = (await calculator.calculateWitness(input, false)) as bigint[];
  return { witness, failedAsserts };
}
