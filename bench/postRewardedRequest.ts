// The request every end-to-end run answers: "age ≥ 18", created by the running merchant service
// (POST /requests), rewarded from its campaign.
import type { SignedRequest } from '@decdp/sdk/protocol';

export async function postRewardedRequest(merchantService: string, operatorToken: string): Promise<SignedRequest> {
  const created = await fetch(`${merchantService}requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
    body: JSON.stringify({
      predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
      purpose: { code: 'bench', text: 'benchmark' },
      retentionDays: 30,
      reward: true,
    }),
  });
  return (await created.json()) as SignedRequest;
}
