import { Fragment } from "react";
import { Dialog } from "../../../app/Dialog";
import { useReviewModeStore } from "../reviewModeStore";
import { keymap } from "./keymap";

/** The keyboard help: the key table, loaded on the first `?`. */
export function HelpDialog() {
  const closed = useReviewModeStore((state) => state.modeClosed);
  return (
    <Dialog labelledBy="help-title" onCancel={closed} wide testId="help-overlay" onKey={(event) => {
        if (event.key !== "?") return false;
        closed();
        return true;
      }}>
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
      <div className="modal__actions">
        <button type="button" onClick={closed} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
