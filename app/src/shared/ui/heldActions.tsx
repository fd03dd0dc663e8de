// Actions that cannot be taken back (revoke an answer, opt out, delete a credential) are held for
// a few seconds behind a toast with "Undo", and only then done. Nothing is sent while held.
//
// A reload (or a closed tab) during the hold must not lose the action silently: each held action
// is written to localStorage before the toast shows and removed when it is done or undone. What
// is still there when a page starts was neither sent nor undone; the page says so
// (<InterruptedActions />), and the person can do it again. It is never sent after the fact: the
// person may have reloaded exactly to stop it.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Button } from './Button.tsx';
import { Send, Undo2 } from './Icon.tsx';
import { Notice } from './Notice.tsx';
import { toast } from './Toast.tsx';

/** How long an action is held before it is done. */
export const HOLD_SECONDS = 5;

const STORAGE_KEY = 'decdp.held-actions';
const TAB_KEY = 'decdp.tab-id';

type HeldRecord = {
  id: string;
  /** What the action does, in words ("Revoke your answer to Demo Bike Shop"). */
  words: string;
  heldAt: number;
  seconds: number;
  /** The tab holding it (sessionStorage survives a reload of the same tab, not a new tab). */
  tab: string;
};

type Held = {
  record: HeldRecord;
  timer: ReturnType<typeof setTimeout>;
  run: () => unknown;
  /** What had focus when the action was held (its button), to go back to after Undo. */
  origin: Element | null;
};

const held = new Map<string, Held>();
const listeners = new Set<() => void>();
let snapshot: ReadonlySet<string> = new Set();

function changed() {
  snapshot = new Set(held.keys());
  for (const listener of listeners) listener();
}

function tabId(): string {
  try {
    let id = sessionStorage.getItem(TAB_KEY);
    if (!id) {
      id = crypto.randomUUID();
      sessionStorage.setItem(TAB_KEY, id);
    }
    return id;
  } catch {
    return 'no-storage';
  }
}

function readStored(): HeldRecord[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as HeldRecord[]) : [];
  } catch {
    return [];
  }
}

function writeStored(records: HeldRecord[]) {
  try {
    if (records.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(records));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // No storage (private mode): the hold still works, a reload just cannot be reported.
  }
}

function forget(id: string) {
  writeStored(readStored().filter((record) => record.id !== id));
}

/**
 * Holds `run` for `seconds` behind a toast with Undo (and "Do it now"); returns at once. The same
 * id held twice is one action. `words` says what it does, `undoneWords` what Undo leaves.
 */
export function holdAction(params: { id: string; words: string; run: () => unknown; seconds?: number }): void {
  if (held.has(params.id)) return;
  const seconds = params.seconds ?? HOLD_SECONDS;
  const record: HeldRecord = { id: params.id, words: params.words, heldAt: Date.now(), seconds, tab: tabId() };
  writeStored([...readStored().filter((other) => other.id !== record.id), record]);
  const timer = setTimeout(() => doNow(params.id), seconds * 1000);
  held.set(params.id, { record, timer, run: params.run, origin: document.activeElement });
  changed();
  toast.custom((toastId) => <HeldToast words={params.words} seconds={seconds} id={params.id} toastId={toastId} />, {
    id: `held-${params.id}`,
    duration: seconds * 1000 + 500,
    dismissible: false,
  });
}

/** Ends the hold (done or undone): no timer, no record, no toast. Undefined when it was not held. */
function release(id: string): Held | undefined {
  const action = held.get(id);
  if (!action) return undefined;
  clearTimeout(action.timer);
  held.delete(id);
  forget(id);
  toast.dismiss(`held-${id}`);
  changed();
  return action;
}

function doNow(id: string) {
  void release(id)?.run();
}

/** Undoes a held action: nothing was sent, and the toast says so. */
export function undoAction(id: string) {
  const action = release(id);
  if (!action) return;
  toast(`Undone: nothing was sent. (${action.record.words})`, { id: `undone-${id}` });
  // Back to the button that held it, enabled again once the page has re-rendered.
  setTimeout(() => {
    const origin = action.origin;
    if (origin instanceof HTMLElement && origin.isConnected && !origin.matches(':disabled')) origin.focus();
  }, 50);
}

/** The ids of the actions held now (re-renders when one is held, done or undone). */
export function useHeldActions(): ReadonlySet<string> {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/**
 * Held actions that this tab held before a reload, or that another tab held and never finished:
 * neither sent nor undone. Kept until the person dismisses the notice, so a page that reloads
 * again at once (a login redirect) still says so.
 */
function interrupted(): HeldRecord[] {
  const tab = tabId();
  const now = Date.now();
  return readStored().filter(
    (record) => !held.has(record.id) && (record.tab === tab || now > record.heldAt + (record.seconds + 30) * 1000),
  );
}

let interruptedOnLoad: HeldRecord[] | undefined;

/** "Not sent: …" for each action a reload interrupted during its hold. */
export function InterruptedActions() {
  interruptedOnLoad ??= interrupted();
  const [shown, setShown] = useState(interruptedOnLoad);
  if (!shown.length) return null;
  return (
    <Notice tone="warning" testId="held-interrupted" role="status">
      <p>
        <strong>Not sent</strong> — the page was closed or reloaded during the seconds you had to undo, so nothing was
        sent:
      </p>
      <ul>
        {shown.map((record) => (
          <li key={record.id} data-testid="held-interrupted-item" data-held-id={record.id}>
            {record.words}
          </li>
        ))}
      </ul>
      <p>If you still want to, do it again.</p>
      <Button
        size="small"
        data-testid="held-interrupted-dismiss"
        onClick={() => {
          for (const record of shown) if (!held.has(record.id)) forget(record.id);
          interruptedOnLoad = [];
          setShown([]);
        }}
      >
        Dismiss
      </Button>
    </Notice>
  );
}

function HeldToast(props: { words: string; seconds: number; id: string; toastId: string | number }) {
  // Keyboard users: the button they pressed is disabled while the action is held, so focus would
  // be stuck on it or fall to the page's start; it goes to Undo instead (back to the button after Undo).
  // (Found in the document: the toast library renders this element where a ref does not reach.)
  useEffect(() => {
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if (active && active !== document.body && !active.matches(':disabled')) return;
      document
        .querySelector<HTMLButtonElement>(`[data-held-id="${CSS.escape(props.id)}"] [data-testid="undo-button"]`)
        ?.focus();
    }, 50);
    return () => clearTimeout(timer);
  }, [props.id]);
  return (
    <div className="held-toast" data-testid="held-toast" data-held-id={props.id} role="status">
      <p>
        {props.words}: in {props.seconds} seconds, unless you undo.
        <span className="countdown" style={{ animationDuration: `${props.seconds}s` }} aria-hidden="true" />
      </p>
      <div className="actions">
        <Button
          variant="primary"
          size="small"
          icon={Undo2}
          data-testid="undo-button"
          onClick={() => undoAction(props.id)}
        >
          Undo
        </Button>
        <Button size="small" icon={Send} data-testid="held-now" onClick={() => doNow(props.id)}>
          Do it now
        </Button>
      </div>
    </div>
  );
}
