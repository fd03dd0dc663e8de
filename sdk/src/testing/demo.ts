// The demo world shared by `npm start`, tests and the bench: an issuer, a holder with credentials,
// a merchant key. Deterministic keys so failures are reproducible. Never use these keys for real.
import { Wallet } from 'ethers';
import { type CreateRequestParameters, createRequest } from '../merchant/createRequest.ts';
import { createIssuerKey, issueCredential } from '../proof/index.ts';
import type { AttributeCredential } from '../protocol/index.ts';
import type { RequestPredicate, SignedRequest } from '../protocol/request.ts';
import { subjectCommitment } from '../wallet/index.ts';

export const ISSUER_PRIVATE_KEY = '0x0101010101010101010101010101010101010101010101010101010101010101';
/** anvil's first two default accounts (public test keys). */
export const MERCHANT_PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const CONSUMER_PRIVATE_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
/** anvil's third default account: the demo's second merchant (a bookshop). */
export const BOOKSHOP_PRIVATE_KEY = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';

export const DEMO_PERSON = { email: 'demo@decdp.local', password: 'demo-password-1', podName: 'demo' } as const;

/** The demo person's wallet recovery phrase (public: demo only). Printed by `npm start`. */
export const DEMO_RECOVERY_PHRASE = 'elevator weather outside access guide ginger any rib practice order assume much';

export async function makeHolder(params: { holderSecret?: bigint; now?: number } = {}) {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const holderSecret = params.holderSecret ?? 123456789012345678901234567890n;
  const issuer = { ...(await createIssuerKey({ privateKey: ISSUER_PRIVATE_KEY })), name: 'Demo Bank' };
  const commitment = await subjectCommitment(holderSecret);
  const year = 365 * 86_400;
  const issue = (attribute: string, value: number | string | boolean): Promise<AttributeCredential> =>
    issueCredential({
      issuer,
      subjectCommitment: commitment,
      attribute,
      value,
      issuedAt: now - 60,
      expiresAt: now + year,
    });
  const credentials = await Promise.all([
    issue('age', 34),
    issue('countryOfResidence', 'NL'),
    issue('interest', 'cycling'),
  ]);
  return { holderSecret, issuer, credentials, commitment, issue };
}

export function merchantSigner(): Wallet {
  return new Wallet(MERCHANT_PRIVATE_KEY);
}

/**
 * `decdp-merchant serve` as the demo merchant: its key through the environment, the demo issuer
 * trusted. For tests and benches; a real merchant passes its own key and issuers.
 * @example const service = await startMerchantProcess({ ...demo, args: [...demo.args, '--port', '0'] });
 */
export async function demoMerchantCli(): Promise<{ args: string[]; env: Record<string, string> }> {
  const issuer = await createIssuerKey({ privateKey: ISSUER_PRIVATE_KEY });
  return { args: ['--trusted-issuer', issuer.keyHash.toString()], env: { DECDP_MERCHANT_KEY: MERCHANT_PRIVATE_KEY } };
}

/** anvil's second default account: where tests send a consumer's reward. */
export const DEMO_RECIPIENT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** A campaign reward as a request carries it (anvil's first deployment addresses, 5 tokens). */
export const DEMO_REWARD = {
  chainId: 31337,
  pool: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  campaignId: '1',
  scope: '12345',
  token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  amount: '5000000000000000000',
};

/**
 * The demo merchant's signed request for `predicates`: a test names what it is about and the rest
 * (shop, endpoint, purpose, retention) is filled in.
 */
export function demoRequest(
  predicates: RequestPredicate[],
  overrides: Partial<CreateRequestParameters> = {},
): Promise<SignedRequest> {
  return createRequest({
    signer: merchantSigner(),
    merchant: { name: 'Bike Shop', requestEndpoint: 'http://localhost:1/requests' },
    predicates,
    purpose: { code: 'test', text: 'Sell e-bikes to adults' },
    retentionDays: 30,
    ...overrides,
  });
}
