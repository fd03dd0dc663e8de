// One part of a screen: a <section> named by its heading (a landmark screen readers list), with
// the heading level the screen gives it.
import { type HTMLAttributes, type ReactNode, useId } from 'react';

export function Section({
  title,
  level = 2,
  testId,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLElement>, 'title'> & {
  title: ReactNode;
  level?: 2 | 3;
  testId?: string;
  children: ReactNode;
}) {
  const id = useId();
  const Heading = `h${level}` as const;
  return (
    <section {...props} aria-labelledby={`${id}-heading`} data-testid={testId}>
      <Heading id={`${id}-heading`}>{title}</Heading>
      {children}
    </section>
  );
}
