// The glossary: a dialog listing every term in plain words, opened from any <Term>. One per page
// (GlossaryProvider); the term asked for is scrolled to and focused. Closing (Close, Escape, a
// click outside) returns focus to the term that opened it (Radix Dialog).
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import { BookOpen, Button, Dialog } from '../../shared/ui/index.ts';
import { GLOSSARY, glossaryEntry } from './glossary.ts';

const OpenGlossary = createContext<(id?: string) => void>(() => {});

export function GlossaryProvider(props: { children: ReactNode }) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const open = useCallback((id?: string) => setFocusId(id ?? GLOSSARY[0]?.id ?? null), []);
  return (
    <OpenGlossary.Provider value={open}>
      {props.children}
      <Dialog
        open={focusId !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen) setFocusId(null);
        }}
        title="Words used in this wallet"
        testId="glossary"
        className="glossary"
        // The term asked for, not the dialog's first button, gets the focus (and is scrolled to).
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          if (focusId) document.getElementById(`glossary-${focusId}`)?.focus();
        }}
      >
        <dl>
          {GLOSSARY.map((entry) => (
            <div key={entry.id} data-testid="glossary-entry" data-term={entry.id}>
              <dt id={`glossary-${entry.id}`} tabIndex={-1}>
                {entry.term}
              </dt>
              <dd>{entry.words}</dd>
            </div>
          ))}
        </dl>
        <div className="actions">
          <Button data-testid="glossary-close" onClick={() => setFocusId(null)}>
            Close
          </Button>
        </div>
      </Dialog>
    </OpenGlossary.Provider>
  );
}

/** A word with a glossary entry: a button that opens the glossary at it. */
export function Term(props: { id: string; children?: ReactNode }) {
  const open = useContext(OpenGlossary);
  const entry = glossaryEntry(props.id);
  return (
    <button
      type="button"
      className="term"
      data-testid="glossary-term"
      data-term={props.id}
      onClick={() => open(props.id)}
      aria-label={`${typeof props.children === 'string' ? props.children : (entry?.term ?? props.id)}: what is this?`}
    >
      {props.children ?? entry?.term ?? props.id}
    </button>
  );
}

/** Opens the glossary at its first entry. */
export function GlossaryButton() {
  const open = useContext(OpenGlossary);
  return (
    <Button icon={BookOpen} data-testid="glossary-open" onClick={() => open()}>
      Glossary
    </Button>
  );
}
