import { useEffect } from "react";
import { draftChanged, useEditDraftStore } from "./editDraftStore";

/**
 * Leaving the page (closing the tab, typing another address) while edit drafts wait asks first.
 * The drafts are kept in localStorage either way; the question is there so nobody leaves them
 * behind without knowing.
 */
export function useLeaveWarning(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const { draft, saved } = useEditDraftStore.getState();
      if (!draftChanged(draft) && Object.keys(saved).length === 0) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);
}
