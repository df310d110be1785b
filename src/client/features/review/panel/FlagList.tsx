import type { PairDetail } from "../../../../shared/api";
import { bboxToCorners, parseRawAnswer } from "../../../../shared/answers";
import { BOX_IOU_THRESHOLD, boxIou } from "../../../../shared/boxIou";
import { flagExplanations, type FlagId } from "../../../../shared/domain";
import { Link } from "../../../app/Link";
import { currentLocation, reviewPath } from "../../../lib/router";

interface Props {
  flags: readonly FlagId[];
  live?: boolean;
  /** The pair, for the evidence behind a flag (box IoUs, the pair a duplicate repeats). */
  detail?: PairDetail;
}

/** Each raw-answer box against its target's box, in order, with their IoU. */
export function boxIous(detail: PairDetail): { k: number; iou: number }[] {
  if (!detail.rawAnswer) return [];
  const byIndex = new Map(detail.annotations.map((a) => [a.index, a]));
  return parseRawAnswer(detail.rawAnswer).flatMap((mention, k) => {
    const target = byIndex.get(detail.targets[k] ?? -1);
    return target ? [{ k, iou: boxIou(mention.box, bboxToCorners(target.bbox)) }] : [];
  });
}

function Evidence({ flag, detail }: { flag: FlagId; detail: PairDetail }) {
  if (flag === "box_mismatch") {
    const ious = boxIous(detail);
    if (ious.length === 0) return null;
    return (
      <span className="flag__evidence" data-testid="box-ious">
        {ious.map(({ k, iou }) => (
          <span key={k} className={iou < BOX_IOU_THRESHOLD ? "flag__iou flag__iou--bad" : "flag__iou"}>
            box {k + 1}: IoU {iou.toFixed(2)}
          </span>
        ))}
        <span className="muted"> · Boxes shows them: raw answer dashed (R1…), target solid</span>
      </span>
    );
  }
  if (flag === "duplicate" && detail.duplicateOf) {
    return (
      <span className="flag__evidence">
        Repeats <Link href={reviewPath(detail.duplicateOf, currentLocation().search)}>{detail.duplicateOf}</Link>
      </span>
    );
  }
  return null;
}

export function FlagList({ flags, live = false, detail }: Props) {
  if (flags.length === 0) {
    return <p className="flags-clean" data-testid="flags">No automatic flag{live ? " on the edited pair" : ""}.</p>;
  }
  return (
    <ul className="flag-list" data-testid="flags">
      {flags.map((flag) => (
        <li key={flag} className="flag" data-flag={flag}>
          <code className="flag__id">{flag}</code>
          <span>
            {flagExplanations[flag]}
            {detail && <Evidence flag={flag} detail={detail} />}
          </span>
        </li>
      ))}
    </ul>
  );
}
