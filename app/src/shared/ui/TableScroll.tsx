// A wide table in a box that scrolls sideways on its own, so the page never does (390 px phones).
// The box is a labelled region (a <section> with a name) in the Tab order: keyboard users can
// scroll it with the arrow keys.
import type { ReactNode } from 'react';

export function TableScroll(props: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
