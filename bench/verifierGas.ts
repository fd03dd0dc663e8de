// Gas of one on-chain Groth16 verification with the committed circuit: compiles snarkjs' exported
// verifier (contracts/src/Groth16Verifier.sol) with solc-js (optimizer on), deploys it on a
// throwaway anvil and sends one `verifyProof` transaction with the claim fixture
// (contracts/test/fixtures/claim.json). The figure includes the 21k intrinsic gas and calldata.
// Not estimateGas: the verifier answers `false` instead of reverting when its precompile calls run
// out of gas, so the estimate would find the gas of a refusal. Usage: npx node bench/verifierGas.ts
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Contract, ContractFactory, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { startAnvil } from '../scripts/system/startAnvil.ts';
import { MERCHANT_PRIVATE_KEY } from '../sdk/src/testing/demo.ts';
import { log } from './stats.ts';

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
};

export type VerifierGas = { verifier_gas: number; public_signals: number; calldata_bytes: number };

export async function measureVerifierGas(): Promise<VerifierGas> {
  const root = join(import.meta.dirname, '..');
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
  const source = await readFile(join(root, 'contracts', 'src', 'Groth16Verifier.sol'), 'utf8');
  const fixture = JSON.parse(await readFile(join(root, 'contracts', 'test', 'fixtures', 'claim.json'), 'utf8')) as {
    proof: { a: string[]; b: string[][]; c: string[] };
    signals: string[];
  };
  log('verifier gas: compiling Groth16Verifier.sol with solc-js');
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'Groth16Verifier.sol': { content: source } },
        settings: {
          optimizer: { enabled: true, runs: 200 },
          outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
        },
      }),
    ),
  ) as SolcOutput;
  const failure = output.errors?.find((error) => error.severity === 'error');
  if (failure) throw new Error(failure.formattedMessage);
  const compiled = output.contracts['Groth16Verifier.sol']?.Groth16Verifier;
  if (!compiled) throw new Error('solc produced no Groth16Verifier');

  const anvil = await startAnvil();
  try {
    const signer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, new JsonRpcProvider(anvil.rpcUrl)));
    const deployed = await new ContractFactory(compiled.abi as never, compiled.evm.bytecode.object, signer).deploy();
    await deployed.waitForDeployment();
    const verifier = new Contract(await deployed.getAddress(), compiled.abi as never, signer);
    const args = [fixture.proof.a, fixture.proof.b, fixture.proof.c, fixture.signals];
    if (!(await verifier.getFunction('verifyProof').staticCall(...args))) {
      throw new Error('the claim fixture does not verify: run npm run fixtures:contracts');
    }
    const data = verifier.interface.encodeFunctionData('verifyProof', args);
    const tx = await signer.sendTransaction({ to: await deployed.getAddress(), data, gasLimit: 2_000_000 });
    const receipt = await tx.wait();
    if (!receipt) throw new Error('no receipt');
    const figures = {
      verifier_gas: Number(receipt.gasUsed),
      public_signals: fixture.signals.length,
      calldata_bytes: (data.length - 2) / 2,
    };
    log(
      `verifier gas: ${figures.verifier_gas} for one verifyProof transaction, ${figures.public_signals} public signals, ${figures.calldata_bytes} B calldata`,
    );
    return figures;
  } finally {
    await anvil.stop();
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await measureVerifierGas()));
}
