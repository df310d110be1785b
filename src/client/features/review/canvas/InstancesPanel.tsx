import { useMemo, useState } from "react";
import type { AnnotationView, PairDetail } from "../../../../shared/api";
import { panelTree, targetPositions } from "./instanceTree";
import { InstanceRow, type RowEditing } from "./InstanceRow";
import "./canvas.css";

export interface InstancesPanelProps {
  detail: PairDetail;
  /** Current targets in placeholder order (the edit draft while editing). */
  targets: number[];
  editing: boolean;
  onToggleTarget?(annotationIndex: number): void;
  /** Swap a target for its object or one of its parts in one step, keeping its position. */
  onReplaceTarget?(from: number, to: number): void;
}

const NONE: readonly number[] = [];

/** The image's objects with their parts nested (SPEC 3), targets marked with their colour. */
export function InstancesPanel(props: InstancesPanelProps) {
  // Expansion state belongs to one image: a new image starts from its defaults.
  return <Panel key={`${props.detail.split}:${props.detail.imageId}`} {...props} />;
}

function Panel({ detail, targets, editing, onToggleTarget, onReplaceTarget }: InstancesPanelProps) {
  const tree = useMemo(() => panelTree(detail.annotations), [detail.annotations]);
  const positions = useMemo(() => targetPositions(targets), [targets]);
  const [toggled, setToggled] = useState<ReadonlySet<number>>(() => new Set());
  const edit: RowEditing | null = editing ? { onToggleTarget, onReplaceTarget } : null;
  const byIndex = useMemo(() => new Map(detail.annotations.map((a) => [a.index, a])), [detail.annotations]);
  const partCount = detail.annotations.length - tree.objects.length;

  // Objects start expanded when they or one of their parts is a target; a click flips that.
  const isExpanded = (object: AnnotationView, parts: readonly AnnotationView[]): boolean => {
    const byDefault = positions.has(object.index) || parts.some((p) => positions.has(p.index));
    return toggled.has(object.index) ? !byDefault : byDefault;
  };
  const flip = (index: number): void =>
    setToggled((s) => {
      const next = new Set(s);
      if (!next.delete(index)) next.add(index);
      return next;
    });

  const partRow = (p: AnnotationView) => {
    const parent = p.parent === null ? undefined : byIndex.get(p.parent);
    return (
      <li key={p.index}>
        <InstanceRow
          ann={p}
          positions={positions.get(p.index) ?? NONE}
          edit={edit}
          swapUp={positions.has(p.index) && parent && !positions.has(parent.index) ? parent : undefined}
        />
      </li>
    );
  };

  return (
    <section className="ip-root" data-testid="instances-panel" aria-label="Instances">
      <header className="ip-header">
        <span>Instances</span>
        <span className="ip-meta">
          {tree.objects.length} objects · {partCount} parts
        </span>
      </header>
      <ul className="ip-list">
        {tree.objects.map(({ object, parts }, row) => {
          const expanded = isExpanded(object, parts);
          return (
            <li key={object.index}>
              <InstanceRow
                ann={object}
                positions={positions.get(object.index) ?? NONE}
                edit={edit}
                swapDown={positions.has(object.index) ? parts.filter((p) => !positions.has(p.index)) : undefined}
                expanded={expanded}
                onExpand={parts.length > 0 ? () => flip(object.index) : undefined}
                tabStop={row === 0}
              />
              {expanded && parts.length > 0 && <ul>{parts.map(partRow)}</ul>}
            </li>
          );
        })}
        {tree.loose.length > 0 && (
          <li>
            <div className="ip-group-title">Parts without an object</div>
            <ul>{tree.loose.map(partRow)}</ul>
          </li>
        )}
      </ul>
    </section>
  );
}
