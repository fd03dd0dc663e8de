// The Ethereum adapter on anvil: Sign-In with Ethereum (siwe), then balance band, ERC-20 and
// ERC-721 holdings and address age read by RPC; a message for another domain, a replayed nonce
// and a wrong signature each refused with a typed error, nothing issued, the log unchanged.

import { mined, RewardToken } from '@decdp/sdk/chain';
import { createIssuerKey } from '@decdp/sdk/issuer';
import { createEthereumAdapter } from '@decdp/sdk/issuer/node';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import {
  acceptIssuance,
  authenticateAtSource,
  createHolderSecret,
  type IssuanceSession,
  previewIssuance,
  provePossession,
  siweMessageFor,
  startIssuance,
} from '@decdp/sdk/wallet';
import { releaseProverThreads } from '@decdp/sdk/zk';
import { type CredentialArtifacts, loadNodeArtifacts } from '@decdp/sdk/zk/node';
import { ContractFactory, JsonRpcProvider, NonceManager, parseEther, Wallet } from 'ethers';
import solc from 'solc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import { codeOf, startTestIssuer, type TestIssuer } from './issuerSetup.ts';
import { deployed } from './rewardChain.ts';

// A minimal ERC-721 (balanceOf, ownerOf, mint): enough for a holding read by RPC.
const NFT_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract TestBadge {
  event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
  mapping(uint256 => address) public ownerOf;
  mapping(address => uint256) public balanceOf;
  function supportsInterface(bytes4 id) external pure returns (bool) { return id == 0x80ac58cd || id == 0x01ffc9a7; }
  function mint(address to, uint256 tokenId) external {
    require(ownerOf[tokenId] == address(0), "minted");
    ownerOf[tokenId] = to; balanceOf[to] += 1;
    emit Transfer(address(0), to, tokenId);
  }
}`;

function compileBadge(): { abi: never[]; bytecode: string } {
  const output = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'TestBadge.sol': { content: NFT_SOURCE } },
        settings: { outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
      }),
    ),
  ) as { contracts: Record<string, Record<string, { abi: never[]; evm: { bytecode: { object: string } } }>> };
  const contract = output.contracts['TestBadge.sol']?.TestBadge;
  if (!contract) throw new Error(`solc failed: ${JSON.stringify(output)}`);
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
}

let artifacts: CredentialArtifacts;
let anvil: Anvil;
let provider: JsonRpcProvider;
let issuer: TestIssuer;
let token: string;
let badge: string;
let otherToken: string;
const person = Wallet.createRandom();

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  const chainId = Number((await provider.getNetwork()).chainId);
  const deployer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
  const deployerAddress = await deployer.getAddress();
  const erc20 = await deployed(
    new ContractFactory(RewardToken.abi as never, RewardToken.bytecode, deployer).deploy(deployerAddress),
  );
  token = await erc20.getAddress();
  const other = await deployed(
    new ContractFactory(RewardToken.abi as never, RewardToken.bytecode, deployer).deploy(deployerAddress),
  );
  otherToken = await other.getAddress();
  const compiled = compileBadge();
  const nft = await deployed(new ContractFactory(compiled.abi, compiled.bytecode, deployer).deploy());
  badge = await nft.getAddress();
  await mined(erc20.getFunction('mint')(person.address, parseEther('25')));
  await mined(nft.getFunction('mint')(person.address, 7n));
  await mined(deployer.sendTransaction({ to: person.address, value: parseEther('1.5') }));
  // The person's first transaction, then 400 days pass on the chain.
  const own = person.connect(provider);
  await mined(own.sendTransaction({ to: deployerAddress, value: parseEther('0.1') }));
  await provider.send('evm_increaseTime', [400 * 86_400]);
  await provider.send('evm_mine', []);
  issuer = await startTestIssuer({
    verificationKey: artifacts.verificationKey,
    sources: async () => [
      {
        adapter: createEthereumAdapter({
          rpcUrl: anvil.rpcUrl,
          chainId,
          tokens: [
            { address: token, kind: 'erc20', name: 'Demo Token' },
            { address: otherToken, kind: 'erc20', name: 'Other Token' },
            { address: badge, kind: 'erc721', name: 'Test Badge' },
          ],
        }),
        issuer: { ...(await createIssuerKey()), name: 'Chain attestor' },
      },
    ],
  });
});
afterAll(async () => {
  await issuer?.stop();
  provider?.destroy();
  await anvil?.stop();
  await releaseProverThreads();
});

async function signIn(session: IssuanceSession, signer = person, message?: string) {
  const text = message ?? siweMessageFor({ authentication: session.authentication, address: person.address });
  return { message: text, signature: await signer.signMessage(text) };
}

describe('Ethereum adapter (SIWE on anvil)', () => {
  it('issues balance band, holdings and address age for the signed-in address, not the address', async () => {
    const holderSecret = createHolderSecret();
    const session = await startIssuance({ issuerUrl: issuer.url, source: 'ethereum', holderSecret });
    expect(session.authentication.kind).toBe('siwe');
    await provePossession({ possession: session.possession, holderSecret, artifacts });
    await authenticateAtSource({ session, body: await signIn(session) });
    const preview = await previewIssuance({ session });
    expect(preview.attributes.map(({ attribute, value }) => [attribute, value])).toEqual([
      ['ethBalanceBand', 1000],
      ['tokenHolding', `erc20:31337:${token.toLowerCase()}`],
      ['tokenHolding', `erc721:31337:${badge.toLowerCase()}`],
      ['addressAgeBand', 365],
    ]);
    const issued = await acceptIssuance({ session, preview });
    expect(issued.credentials).toHaveLength(4);
    expect(JSON.stringify(issued).toLowerCase()).not.toContain(person.address.toLowerCase());
  });

  it('refuses another domain, a replayed nonce and a wrong signature; nothing issued, log unchanged', async () => {
    const before = await issuer.log.list();
    const holderSecret = createHolderSecret();

    const session = await startIssuance({ issuerUrl: issuer.url, source: 'ethereum', holderSecret });
    const step = session.authentication;
    if (step.kind !== 'siwe') throw new Error('expected siwe');
    const otherDomain = siweMessageFor({
      authentication: { ...step, domain: 'evil.example' },
      address: person.address,
    });
    expect(await codeOf(authenticateAtSource({ session, body: await signIn(session, person, otherDomain) }))).toEqual({
      code: 'SOURCE_AUTH_FAILED',
      field: 'body.message.domain',
    });
    const stranger = Wallet.createRandom();
    expect(await codeOf(authenticateAtSource({ session, body: await signIn(session, stranger) }))).toEqual({
      code: 'SOURCE_AUTH_FAILED',
      field: 'body.signature',
    });
    const otherChain = siweMessageFor({ authentication: { ...step, chainId: 1 }, address: person.address });
    expect(
      (await codeOf(authenticateAtSource({ session, body: await signIn(session, person, otherChain) }))).field,
    ).toBe('body.message.chainId');

    // A good sign-in, replayed into a second session (and into the first one again).
    const good = await signIn(session);
    await authenticateAtSource({ session, body: good });
    const second = await startIssuance({ issuerUrl: issuer.url, source: 'ethereum', holderSecret });
    expect(await codeOf(authenticateAtSource({ session: second, body: good }))).toEqual({
      code: 'NONCE_REUSED',
      field: 'body.message.nonce',
    });
    expect((await codeOf(authenticateAtSource({ session, body: good }))).code).toBe('NONCE_REUSED');
    expect((await codeOf(previewIssuance({ session: second }))).code).toBe('SOURCE_AUTH_FAILED');
    // Signed in, but no proof of possession: still nothing.
    expect((await codeOf(acceptIssuance({ session, preview: await previewIssuance({ session }) }))).code).toBe(
      'POSSESSION_NOT_PROVEN',
    );
    expect(await issuer.log.list()).toEqual(before);
  });
});
