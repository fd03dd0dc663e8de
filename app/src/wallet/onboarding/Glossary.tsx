// The glossary: a dialog listing every term in plain words, opened from any <Term>. One per page
// (GlossaryProvider); the term asked for is scrolled to and focused.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { GLOSSARY, glossaryEntry } from './glossary.ts';

const OpenGlossary = createContext<(id?: string) => void>(() => {});

export function GlossaryProvider(props: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const open = useCallback((id?: string) => {
    setFocusId(id ?? GLOSSARY[0]?.id ?? null);
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  useEffect(() => {
    if (focusId) document.getElementById(`glossary-${focusId}`)?.focus();
  }, [focusId]);
  return (
    <OpenGlossary.Provider value={open}>
      {props.children}
      <dialog
        ref={dialog}
        aria-labelledby="glossary-heading"
        data-testid="glossary"
        className="glossary"
        onClose={() => setFocusId(null)}
      >
        <h2 id="glossary-heading">Words used in this wallet</h2>
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
        <form method="dialog">
          <button type="submit" data-testid="glossary-close">
            Close
          </button>
        </form>
      </dialog>
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
    <button type="button" data-testid="glossary-open" onClick={() => open()}>
      Glossary
    </button>
  );
}
