import { Fragment } from "react";
import { useReviewModeStore } from "../reviewModeStore";
import { keymap } from "./keymap";

export function HelpOverlay() {
  const open = useReviewModeStore((state) => state.mode === "help");
  const closed = useReviewModeStore((state) => state.modeClosed);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onClick={closed}>
      <div className="modal modal--wide" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">Keyboard</h2>
        <table className="keymap">
          <tbody>
            {keymap.map((row) => (
              <tr key={row.action}>
                <td>
                  {row.keys.map((key, i) => (
                    <Fragment key={i}>{key === "…" ? " … " : <kbd>{key}</kbd>}</Fragment>
                  ))}
                </td>
                <td>{row.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Keys are ignored while you type in a field, except Esc and Ctrl+Enter. Press ? or Esc to close.</p>
      </div>
    </div>
  );
}
