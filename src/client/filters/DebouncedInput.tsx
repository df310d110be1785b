import { useEffect, useRef, useState, type InputHTMLAttributes } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> {
  value: string;
  onCommit: (value: string) => void;
  delayMs?: number;
}

/** A text filter that commits after a pause in typing (or on Enter), not on every key. */
export function DebouncedInput({ value, onCommit, delayMs = 350, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  // What was last handed to onCommit: a draft the filter normalises away ("abc" as a number)
  // leaves `value` unchanged, and must not be committed again every pause.
  const sent = useRef<string | null>(null);
  // The URL changed from elsewhere (back button, shared link): show what it says.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }
  useEffect(() => {
    if (draft === value || draft === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = draft;
      onCommit(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs, onCommit]);
  return (
    <input
      {...rest}
      value={draft}
      onChange={(event) => {
        sent.current = null;
        setDraft(event.target.value);
      }}
      // Leaving a field whose text the filter could not use shows what is applied instead.
      onBlur={(event) => {
        rest.onBlur?.(event);
        if (draft === sent.current && draft !== value) setDraft(value);
      }}
      onKeyDown={(event) => {
        if (event.key === "Enter") onCommit(draft);
        if (event.key === "Escape") (event.target as HTMLInputElement).blur();
      }}
    />
  );
}
