import { useEffect, useRef, type ReactNode } from "react";

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  /** id of the heading that names the dialog. */
  labelledBy: string;
  /** Esc, a click on the backdrop and the dialog's Cancel all call this. */
  onCancel: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Render as a form: Enter in a field submits. */
  onSubmit?: () => void;
  /** A key of the dialog's own (e.g. `?` closes the help); true when it was used. */
  onKey?: (event: React.KeyboardEvent<HTMLElement>) => boolean;
}

/**
 * A modal dialog that holds the keyboard while open: focus moves in (to the `autoFocus` element
 * or the first control), Tab and Shift+Tab cycle inside, Esc cancels, and focus goes back to where
 * it was when the dialog closes. Key presses do not reach the screen's shortcuts behind it.
 */
export function Dialog({ labelledBy, onCancel, children, wide, testId, onSubmit, onKey }: DialogProps) {
  const ref = useRef<HTMLElement>(null);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root && !root.contains(document.activeElement)) {
      const first = root.querySelector<HTMLElement>("[autofocus]") ?? root.querySelector<HTMLElement>(focusable) ?? root;
      first.focus();
    }
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    // The screen's own shortcuts listen on window: nothing typed here reaches them.
    event.stopPropagation();
    if (onKey?.(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      cancel.current();
      return;
    }
    if (event.key !== "Tab") return;
    const root = ref.current;
    if (!root) return;
    const items = [...root.querySelectorAll<HTMLElement>(focusable)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && (document.activeElement === first || !root.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const className = wide ? "modal modal--wide" : "modal";
  const common = {
    className,
    role: "dialog",
    "aria-modal": true,
    "aria-labelledby": labelledBy,
    "data-testid": testId,
    tabIndex: -1,
    onKeyDown,
    onClick: (event: React.MouseEvent) => event.stopPropagation(),
  } as const;
  return (
    <div className="modal-backdrop" role="presentation" onClick={() => cancel.current()}>
      {onSubmit ? (
        <form
          ref={(el) => {
            ref.current = el;
          }}
          {...common}
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div
          ref={(el) => {
            ref.current = el;
          }}
          {...common}
        >
          {children}
        </div>
      )}
    </div>
  );
}
