/** The page's one polite live region: screen readers announce every status change. */
export function StatusRegion(props: { message: string }) {
  return (
    <p role="status" aria-live="polite" className="status" data-testid="status-message">
      {props.message}
    </p>
  );
}
