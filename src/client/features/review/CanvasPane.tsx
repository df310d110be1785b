import { memo, useDeferredValue } from "react";
import type { PairDetail } from "../../../shared/api";
import { InstancesPanel } from "./canvas/InstancesPanel";
import { PairCanvas } from "./canvas/PairCanvas";
import { useEditDraftStore } from "./edit/editDraftStore";
import { useReviewModeStore } from "./reviewModeStore";

/*
 * The instances list is the largest piece of DOM on the screen; it follows the pair one render
 * later (a deferred value), so `j` paints the image, masks and question without waiting for it.
 */
const DeferredInstances = memo(InstancesPanel);

/** The centre pane: the canvas and, beneath it, the image's instances; both follow the edit draft. */
export function CanvasPane({ detail }: { detail: PairDetail }) {
  const editing = useReviewModeStore((state) => state.mode === "edit");
  const draft = useEditDraftStore((state) => state.draft);
  const toggled = useEditDraftStore((state) => state.targetToggled);
  const replaced = useEditDraftStore((state) => state.targetReplaced);
  const inEdit = editing && draft?.pairId === detail.id;
  const targets = inEdit ? draft.targets : detail.targets;
  const deferredDetail = useDeferredValue(detail);
  const deferredTargets = useDeferredValue(targets);
  // The deferred pair may lag by one render: only offer editing once it has caught up.
  const deferredEdit = inEdit && deferredDetail.id === detail.id;
  return (
    <div className="canvas-pane">
      <div className="canvas-pane__canvas">
        <PairCanvas detail={detail} targets={targets} editing={inEdit} onToggleTarget={inEdit ? toggled : undefined} />
      </div>
      <div className="canvas-pane__instances">
        <DeferredInstances
          detail={deferredDetail}
          targets={deferredTargets}
          editing={deferredEdit}
          onToggleTarget={deferredEdit ? toggled : undefined}
          onReplaceTarget={deferredEdit ? replaced : undefined}
        />
      </div>
    </div>
  );
}
