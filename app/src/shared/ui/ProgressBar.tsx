// A determinate progress bar with its words beside it: read out as "40%: proving …" (the words on
// screen are hidden from screen readers, which hear them in the bar's value text).
export function ProgressBar(props: { label: string; fraction: number; words: string; testId?: string }) {
  const percent = Math.round(props.fraction * 100);
  return (
    <>
      <progress
        aria-label={props.label}
        aria-valuetext={`${percent}%: ${props.words}`}
        max={1}
        value={props.fraction}
        data-testid={props.testId}
      />
      <span aria-hidden="true">
        {' '}
        {percent}% — {props.words}
      </span>
    </>
  );
}
