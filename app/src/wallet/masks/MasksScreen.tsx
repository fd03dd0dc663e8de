// Screen "Masks" (#/masks): the masks on the chain's mask registry, each with its size, its k and
// what wearing it reveals, in plain words. Discovery only for now: joining, contributing and
// leaving are SDK functions (joinMaskOnChain, contributeOnChain, leaveMaskOnChain; docs/masks.md)
// that this screen does not call yet.
import { type ChainMask, listMasksOnChain } from '@decdp/sdk/masks';
import { JsonRpcProvider } from 'ethers';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../shared/ErrorNotice.tsx';
import { type ErrorInWords, errorInWords } from '../../shared/errors.ts';
import { useWallet } from '../state/WalletState.tsx';

/** What wearing a mask reveals, and to whom, in the wallet's words. */
export function maskRevealsInWords(mask: ChainMask): string[] {
  return [
    mask.admission
      ? 'Joining needs a proof of the mask’s admission predicates; the admitter learns that you meet them, nothing else.'
      : 'Joining publishes a new anonymous member key for this mask only; nobody can tell it is yours.',
    `Contributing adds the interests and actions you pick, once a ${mask.epochSeconds >= 86_400 ? `${Math.round(mask.epochSeconds / 86_400)}-day` : `${Math.round(mask.epochSeconds / 60)}-minute`} period, to counts shared by all members; a proof shows a member sent them, not which one.`,
    `Merchants see a period’s counts only once at least ${mask.k} members contributed, and only the interests at least ${mask.k} of them named.`,
  ];
}

export function MasksScreen() {
  const { config } = useWallet();
  const registry = config.contracts.maskRegistry;
  const [masks, setMasks] = useState<ChainMask[] | null>(null);
  const [error, setError] = useState<ErrorInWords | null>(null);

  useEffect(() => {
    if (!registry) return;
    const provider = new JsonRpcProvider(config.rpcUrl);
    listMasksOnChain({ provider, registry })
      .then(setMasks, (caught: unknown) => setError(errorInWords(caught)))
      .finally(() => provider.destroy());
  }, [config.rpcUrl, registry]);

  return (
    <section aria-labelledby="masks-heading" id="masks" data-testid="masks-screen">
      <h2 id="masks-heading">Masks</h2>
      <p className="muted">
        A mask is a persona many people share (“New cyclist”, “Christmas shopping”). What you do under a mask adds to
        the mask’s profile, never to yours.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {!registry ? <p className="muted">This chain has no mask registry.</p> : null}
      {masks?.length === 0 ? <p className="muted">No masks yet.</p> : null}
      <ul className="cards">
        {(masks ?? []).map((mask) => (
          <li key={mask.id} data-testid="mask-item" data-mask-id={mask.id}>
            <h3>{mask.name}</h3>
            <p>{mask.description}</p>
            <p className="muted">
              {mask.tags.length ? `About: ${mask.tags.join(', ')}. ` : ''}
              <span data-testid="mask-size">
                {mask.members} {mask.members === 1 ? 'member' : 'members'}
              </span>
              ; profiles shown from {mask.k} contributors.
            </p>
            <p>What wearing it reveals:</p>
            <ul data-testid="mask-reveals">
              {maskRevealsInWords(mask).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
