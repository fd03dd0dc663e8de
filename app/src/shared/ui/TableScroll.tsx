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

/** A table of rows under named columns, in its own scrolling box (`label` names both). */
export function DataTable(props: {
  label: string;
  columns: readonly ReactNode[];
  testId?: string;
  caption?: ReactNode;
  className?: string;
  /** The <tr> rows. */
  children: ReactNode;
}) {
  return (
    <TableScroll label={props.label}>
      <table data-testid={props.testId} className={props.className}>
        {props.caption ? <caption className="muted">{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life.
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableScroll>
  );
}
