import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseProverThreads } from '../zk/groth16.ts';
import { contributeToMask } from './contributeToMask.ts';
import { createMask } from './createMask.ts';
import { addMaskMember, joinMask } from './joinMask.ts';
import { maskProfile } from './maskProfile.ts';
import { maskEpoch } from './maskScope.ts';
import { loadMaskArtifacts } from './node/loadMaskArtifacts.ts';
import type { MaskContribution, MaskDefinition, MaskGroup, MaskLedger, MaskMembership } from './schema.ts';
import { recordContribution, verifyContribution } from './verifyContribution.ts';

// Real Semaphore v4 proofs (depth 20, artifacts from @zk-kit/semaphore-artifacts, ~2 s each):
// seven are made once in beforeAll and every refusal below is a variation on them.
const day = 86_400;
const nowSeconds = Math.floor(1_800_000_000 / day) * day + 3_600; // one hour into an epoch
const secrets = [11n, 12n, 13n, 14n, 15n];
const outsider = 99n;

let artifacts: Awaited<ReturnType<typeof loadMaskArtifacts>>;
let cyclist: { mask: MaskDefinition; group: MaskGroup; ledger: MaskLedger };
let christmas: { mask: MaskDefinition; group: MaskGroup };
let memberships: MaskMembership[];
let contributions: MaskContribution[];
let christmasContribution: MaskContribution;
let secondFromFirst: MaskContribution;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

beforeAll(async () => {
  artifacts = await loadMaskArtifacts();
  const created = createMask({
    name: 'New cyclist',
    description: 'Getting into cycling',
    id: 'new-cyclist',
    epochSeconds: day,
    nowSeconds,
  });
  let group = created.group;
  memberships = [];
  for (const holderSecret of secrets) {
    const joined = joinMask({ holderSecret, mask: created.mask, group, nowSeconds: nowSeconds - 600 });
    group = joined.group;
    memberships.push(joined.membership);
  }
  cyclist = { mask: created.mask, group, ledger: created.ledger };

  const signals = [
    { interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets'] },
    { interests: ['helmets', 'road-bikes'], actions: [] },
    { interests: ['road-bikes'], actions: ['viewed-helmets'] },
    { interests: ['road-bikes', 'tricycles'], actions: ['viewed-helmets'] },
    { interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets', 'bought-lights'] },
  ];
  contributions = [];
  for (const [index, holderSecret] of secrets.entries()) {
    const { contribution, membership } = await contributeToMask({
      holderSecret,
      mask: cyclist.mask,
      group: cyclist.group,
      signal: signals[index] as (typeof signals)[number],
      nowSeconds,
      artifacts,
      membership: memberships[index],
    });
    contributions.push(contribution);
    memberships[index] = membership as MaskMembership;
  }
  // The first member again, same epoch, another signal: same nullifier.
  secondFromFirst = await firstMemberContributes(cyclist, ['gravel'], nowSeconds + 60);

  const other = createMask({
    name: 'Christmas shopping',
    description: 'Gifts',
    id: 'christmas-shopping',
    epochSeconds: day,
    nowSeconds,
  });
  let otherGroup = other.group;
  for (const holderSecret of secrets) {
    otherGroup = joinMask({ holderSecret, mask: other.mask, group: otherGroup, nowSeconds: nowSeconds - 600 }).group;
  }
  christmas = { mask: other.mask, group: otherGroup };
  christmasContribution = await firstMemberContributes(christmas, ['road-bikes'], nowSeconds);
}, 240_000);

/** The first member's contribution of `interests` to a mask it joined. */
async function firstMemberContributes(
  to: { mask: MaskDefinition; group: MaskGroup },
  interests: string[],
  at: number,
): Promise<MaskContribution> {
  const { contribution } = await contributeToMask({
    holderSecret: secrets[0] as bigint,
    mask: to.mask,
    group: to.group,
    signal: { interests },
    nowSeconds: at,
    artifacts,
  });
  return contribution;
}
afterAll(releaseProverThreads);

const verify = (
  contribution: unknown,
  overrides: { ledger?: MaskLedger; group?: MaskGroup; nowSeconds?: number } = {},
) =>
  verifyContribution({
    mask: cyclist.mask,
    group: overrides.group ?? cyclist.group,
    ledger: overrides.ledger ?? cyclist.ledger,
    contribution,
    nowSeconds: overrides.nowSeconds ?? nowSeconds + 120,
  });

describe('a member contributes anonymously and counts once per epoch', () => {
  it('accepts every member once and the merchant reads only the aggregate, after the epoch', async () => {
    let ledger = cyclist.ledger;
    for (const contribution of contributions) {
      const verified = await verify(clone(contribution), { ledger });
      ledger = recordContribution({ ledger, verified });
    }
    const epoch = maskEpoch({ mask: cyclist.mask, nowSeconds });
    expect(() => maskProfile({ mask: cyclist.mask, ledger, epoch, nowSeconds })).toThrow(
      expect.objectContaining({ code: 'MASK_EPOCH_OPEN' }),
    );
    const profile = maskProfile({ mask: cyclist.mask, ledger, epoch, nowSeconds: nowSeconds + day });
    expect(profile.contributors).toBe(5);
    expect(profile.interests).toEqual([{ label: 'road-bikes', count: 5 }]);
    expect(profile.actions).toEqual([]); // viewed-helmets: 4 < k
    expect(JSON.stringify(profile)).not.toMatch(/tricycles|helmets|bought-lights|nullifier/);
    // Nothing in a contribution or the ledger names the member: no commitment, no pod, no pseudonym.
    const published = JSON.stringify([contributions, ledger]);
    for (const membership of memberships) expect(published).not.toContain(membership.identityCommitment);
  });

  it('gives each member a different nullifier, and the same member the same one in the epoch', () => {
    const nullifiers = new Set(contributions.map((contribution) => contribution.proof.nullifier));
    expect(nullifiers.size).toBe(5);
    expect(secondFromFirst.proof.nullifier).toBe(contributions[0]?.proof.nullifier);
    // Another mask is another scope: the same person's nullifiers there do not match.
    expect(christmasContribution.proof.nullifier).not.toBe(contributions[0]?.proof.nullifier);
  });

  it('keeps the person’s own history in the membership document', () => {
    expect(memberships[0]?.contributions).toEqual([
      {
        epoch: maskEpoch({ mask: cyclist.mask, nowSeconds }),
        contributedAt: new Date(nowSeconds * 1000).toISOString(),
        signal: { interests: ['helmets', 'road-bikes'], actions: ['viewed-helmets'] },
      },
    ]);
  });
});

describe('refusals, each with its stable code', () => {
  it('MASK_ALREADY_CONTRIBUTED: the same proof twice, or a second proof in the epoch', async () => {
    const ledger = recordContribution({ ledger: cyclist.ledger, verified: await verify(clone(contributions[0])) });
    await expect(verify(clone(contributions[0]), { ledger })).rejects.toMatchObject({
      code: 'MASK_ALREADY_CONTRIBUTED',
      name: 'MaskAlreadyContributedError',
    });
    await expect(verify(clone(secondFromFirst), { ledger })).rejects.toMatchObject({
      code: 'MASK_ALREADY_CONTRIBUTED',
    });
  });

  it('MASK_ALREADY_CONTRIBUTED: of two overlapping verifications of one nullifier, one is counted', async () => {
    const [first, second] = await Promise.all([verify(clone(contributions[0])), verify(clone(secondFromFirst))]);
    const ledger = recordContribution({ ledger: cyclist.ledger, verified: first });
    expect(() => recordContribution({ ledger, verified: second })).toThrow(
      expect.objectContaining({ code: 'MASK_ALREADY_CONTRIBUTED' }),
    );
    expect(ledger.epochs[String(first.epoch)]?.contributors).toBe(1);
  });

  it('MASK_ALREADY_CONTRIBUTED on the wallet side, before proving, from the membership document', async () => {
    await expect(
      contributeToMask({
        holderSecret: secrets[0] as bigint,
        mask: cyclist.mask,
        group: cyclist.group,
        signal: { interests: ['gravel'] },
        nowSeconds: nowSeconds + 60,
        artifacts,
        membership: memberships[0],
      }),
    ).rejects.toMatchObject({ code: 'MASK_ALREADY_CONTRIBUTED' });
  });

  it('MASK_NOT_MEMBER: a wallet outside the group cannot prove, and a foreign root is refused', async () => {
    await expect(
      contributeToMask({
        holderSecret: outsider,
        mask: cyclist.mask,
        group: cyclist.group,
        signal: { interests: ['road-bikes'] },
        nowSeconds,
        artifacts,
      }),
    ).rejects.toMatchObject({ code: 'MASK_NOT_MEMBER', name: 'MaskNotMemberError' });
    const foreignRoot = clone(contributions[1]) as MaskContribution;
    foreignRoot.proof.merkleTreeRoot = christmas.group.roots.at(-1)?.root as string;
    await expect(verify(foreignRoot)).rejects.toMatchObject({ code: 'MASK_NOT_MEMBER' });
  });

  it('MASK_GROUP_TOO_SMALL: no proof into a group of fewer than k, and no root of fewer than k accepted', async () => {
    const small = createMask({ name: 'Small', description: '', id: 'small-mask', epochSeconds: day, nowSeconds });
    let group = small.group;
    for (const holderSecret of secrets.slice(0, 4)) {
      group = joinMask({ holderSecret, mask: small.mask, group, nowSeconds }).group;
    }
    await expect(
      contributeToMask({
        holderSecret: secrets[0] as bigint,
        mask: small.mask,
        group,
        signal: { interests: ['road-bikes'] },
        nowSeconds,
        artifacts,
      }),
    ).rejects.toMatchObject({ code: 'MASK_GROUP_TOO_SMALL', name: 'MaskGroupTooSmallError' });
    // roots[3] is the root of the first 4 members: refused before the proof is even checked.
    const early = clone(contributions[1]) as MaskContribution;
    early.proof.merkleTreeRoot = cyclist.group.roots[3]?.root as string;
    await expect(verify(early)).rejects.toMatchObject({ code: 'MASK_GROUP_TOO_SMALL' });
  });

  it('MASK_ROOT_STALE: a root replaced longer ago than the window; accepted within it', async () => {
    const joinedAt = nowSeconds + 600;
    const grown = addMaskMember({
      group: cyclist.group,
      identityCommitment: joinMask({ holderSecret: outsider, mask: cyclist.mask, group: cyclist.group, nowSeconds })
        .membership.identityCommitment,
      nowSeconds: joinedAt,
    });
    await expect(verify(clone(contributions[1]), { group: grown, nowSeconds: joinedAt + 600 })).resolves.toMatchObject({
      maskId: 'new-cyclist',
    });
    await expect(
      verify(clone(contributions[1]), { group: grown, nowSeconds: joinedAt + cyclist.mask.rootValiditySeconds + 1 }),
    ).rejects.toMatchObject({ code: 'MASK_ROOT_STALE', name: 'MaskRootStaleError' });
  });

  it('PROOF_INVALID: a tampered proof point or nullifier', async () => {
    const point = clone(contributions[2]) as MaskContribution;
    point.proof.points[0] = point.proof.points[2];
    await expect(verify(point)).rejects.toMatchObject({ code: 'PROOF_INVALID' });
    const nullifier = clone(contributions[2]) as MaskContribution;
    nullifier.proof.nullifier = String(BigInt(nullifier.proof.nullifier) + 1n);
    await expect(verify(nullifier)).rejects.toMatchObject({ code: 'PROOF_INVALID' });
  });

  it('PROOF_MISMATCH: another signal than the one proved', async () => {
    const swapped = clone(contributions[3]) as MaskContribution;
    swapped.signal = { interests: ['luxury-cars'], actions: [] };
    await expect(verify(swapped)).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'contribution.proof.message',
    });
  });

  it('a proof for another mask is refused however it is relabelled', async () => {
    await expect(verify(clone(christmasContribution))).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'contribution.maskId',
    });
    const relabelled = clone(christmasContribution) as MaskContribution;
    relabelled.maskId = cyclist.mask.id;
    await expect(verify(relabelled)).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'contribution.proof.scope',
    });
    // Scope rewritten too: the root is not this group's, and the proof would not verify anyway.
    relabelled.proof.scope = contributions[0]?.proof.scope as string;
    await expect(verify(relabelled)).rejects.toMatchObject({ code: 'MASK_NOT_MEMBER' });
    relabelled.proof.merkleTreeRoot = contributions[0]?.proof.merkleTreeRoot as string;
    await expect(verify(relabelled)).rejects.toMatchObject({ code: 'PROOF_INVALID' });
  });

  it('PROOF_MISMATCH: a proof of an earlier epoch', async () => {
    await expect(verify(clone(contributions[4]), { nowSeconds: nowSeconds + day })).rejects.toMatchObject({
      code: 'PROOF_MISMATCH',
      field: 'contribution.epoch',
    });
  });
});
