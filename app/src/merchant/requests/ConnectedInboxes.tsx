// The inboxes people connected to this shop (GET /inboxes, operator token), each with "Forget"
// (DELETE /inboxes/:id): the shop delivers nothing there again. The person's pod is not touched —
// only they can close the inbox itself.
import type { ConnectedInbox } from '@decdp/sdk/merchant';
import { useCallback, useEffect, useState } from 'react';
import { errorInWords } from '../../shared/errors.ts';
import { callMerchantService } from '../../shared/merchantService.ts';
import { Button, Card, CardList, Empty, Loading, Section, Unlink } from '../../shared/ui/index.ts';

export function ConnectedInboxes(props: {
  merchantService: string;
  operatorToken: string;
  onStatus: (text: string) => void;
}) {
  const { merchantService, operatorToken, onStatus } = props;
  const [inboxes, setInboxes] = useState<ConnectedInbox[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setInboxes(await callMerchantService<ConnectedInbox[]>(merchantService, 'inboxes', { operatorToken }));
    } catch (error) {
      onStatus(`The connected inboxes could not be read: ${errorInWords(error).message}`);
      setInboxes([]);
    }
  }, [merchantService, operatorToken, onStatus]);
  useEffect(() => {
    void load();
  }, [load]);

  async function forget(inbox: ConnectedInbox) {
    setBusy(inbox.id);
    try {
      await callMerchantService(merchantService, `inboxes/${inbox.id}`, { method: 'DELETE', operatorToken });
      setInboxes((current) => (current ?? []).filter((each) => each.id !== inbox.id));
      onStatus(`Forgot the inbox ${inbox.inbox}: nothing is delivered there again.`);
    } catch (error) {
      onStatus(`The inbox could not be forgotten: ${errorInWords(error).message}`);
      await load();
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="Connected inboxes" testId="connected-inboxes">
      <p className="muted">
        People who connected your shop to their pod. Forget one when its person asks, or to stop delivering there; their
        pod is theirs to close.
      </p>
      {inboxes === null ? <Loading>Reading the connected inboxes…</Loading> : null}
      {inboxes?.length === 0 ? <Empty testId="no-connected-inboxes">No one has connected this shop.</Empty> : null}
      <CardList>
        {(inboxes ?? []).map((inbox) => (
          <Card as="li" key={inbox.id} data-testid="connected-inbox" data-inbox-id={inbox.id}>
            <p className="mono">{inbox.inbox}</p>
            <Button
              variant="danger"
              icon={Unlink}
              data-testid="forget-inbox-button"
              aria-label={`Forget the inbox ${inbox.inbox}`}
              disabled={busy !== null}
              busy={busy === inbox.id}
              onClick={() => void forget(inbox)}
            >
              {busy === inbox.id ? 'Forgetting…' : 'Forget'}
            </Button>
          </Card>
        ))}
      </CardList>
    </Section>
  );
}
