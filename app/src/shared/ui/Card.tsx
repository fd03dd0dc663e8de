// A card: one thing on a screen (a request, an answer, a credential, a campaign), white on the
// page's grey, with an optional heading line and a row of actions at the bottom.
import type { HTMLAttributes, ReactNode } from 'react';

type CardProps = Omit<HTMLAttributes<HTMLElement>, 'title'> & {
  /** The element: `li` inside a CardList, `section` for a screen part, `div` otherwise. */
  as?: 'li' | 'section' | 'div' | 'article';
  title?: ReactNode;
  /** Heading level of the title (default 3). */
  level?: 2 | 3 | 4;
  actions?: ReactNode;
};

export function Card({ as: Element = 'div', title, level = 3, actions, className, children, ...props }: CardProps) {
  const Heading = `h${level}` as const;
  return (
    <Element {...props} className={className ? `card ${className}` : 'card'}>
      {title ? <Heading className="card-title">{title}</Heading> : null}
      {children}
      {actions ? <div className="actions">{actions}</div> : null}
    </Element>
  );
}

/** A list of cards (ul > li.card). */
export function CardList(props: HTMLAttributes<HTMLUListElement>) {
  return <ul {...props} className={props.className ? `cards ${props.className}` : 'cards'} />;
}

/** A row of buttons that wraps; on a phone each takes the full line. */
export function Actions(props: { children: ReactNode; className?: string }) {
  return <div className={props.className ? `actions ${props.className}` : 'actions'}>{props.children}</div>;
}
