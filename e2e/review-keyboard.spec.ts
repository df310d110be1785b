import { test, expect } from "./fixtures";
import { exportSplit, pairDetail, pairIds, type ExportedRecord } from "./pages/api";
import { ReviewPage } from "./pages/reviewPage";

function exportedPairs(records: ExportedRecord[]) {
  return records.flatMap((record) =>
    record.questions.map((question, i) => ({
      imageId: record.image_id,
      question,
      textAnswer: record.text_answers[i]!,
      targets: record.answers[i]!,
    })),
  );
}

test("keyboard-only review: accept, reject with reasons, edit answer and targets, undo, then export", async ({ page, request }) => {
  // Five pairs in a row whose third can be edited cleanly (has a target, has a non-target, no
  // placeholder fault of its own).
  const ids = await pairIds(request);
  let start = -1;
  for (let i = 0; i + 4 < ids.length && start < 0; i++) {
    const candidate = await pairDetail(request, ids[i + 2]!);
    const clean = !candidate.flags.includes("seg_count") && !candidate.flags.includes("braces");
    if (clean && candidate.targets.length > 0 && candidate.annotations.length > candidate.targets.length) start = i;
  }
  expect(start).toBeGreaterThanOrEqual(0);
  const [p0, p1, p2, p3, p4] = ids.slice(start, start + 5) as [string, string, string, string, string];
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(p0)}?split=MMR_sample`);
  await review.expectOpen(p0);

  // accept → next
  await review.press("a");
  await review.expectOpen(p1);

  // reject with two reasons → next
  await review.rejectWith(1, 3);
  await review.expectOpen(p2);

  // edit: add a target, remove the first one, rewrite the answer; Ctrl+Enter accepts with the edits
  const before = await pairDetail(request, p2);
  await review.press("e");
  const editor = page.getByTestId("edit-panel");
  await expect(editor).toBeVisible();
  const addable = before.annotations.filter((a) => !before.targets.includes(a.index));
  expect(addable.length).toBeGreaterThan(0);
  await editor.getByLabel("Add target").selectOption(String(addable[0]!.index));
  await editor.getByRole("button", { name: /^Remove target/ }).first().focus();
  await review.press("Enter");
  const answer = editor.getByLabel(/Text answer/);
  const edited = `Edited by e2e: ${await answer.inputValue()}`;
  await answer.fill(edited);
  await expect(page.getByTestId("placeholder-check")).toContainText("✓");
  await review.press("Control+Enter");
  await review.expectOpen(p3);

  // accept p3, then undo it: back on p3, pending again
  await review.press("a");
  await review.expectOpen(p4);
  await review.press("u");
  await review.expectOpen(p3);
  await review.expectStatus("pending");

  // the earlier decisions show where they were made
  await review.press("k");
  await review.expectOpen(p2);
  await review.expectStatus("accepted");
  await review.press("k");
  await review.expectOpen(p1);
  await review.expectStatus("rejected");

  const detail1 = await pairDetail(request, p1);
  expect(detail1.decision?.reasons).toEqual(["wrong_target", "extra_target"]);
  const detail3 = await pairDetail(request, p3);
  expect(detail3.decision?.status ?? "pending").toBe("pending");

  // The screen shows a decision at once; its save (an edited pair is re-analysed first) may still
  // be on its way. The export reads what the server holds, so wait until p2's accept is stored.
  await expect.poll(async () => (await pairDetail(request, p2)).decision?.status ?? "pending").toBe("accepted");

  // export: exactly p0 (as it was) and p2 (with its edits)
  const exported = exportedPairs(await exportSplit(request));
  expect(exported).toHaveLength(2);
  const original0 = await pairDetail(request, p0);
  expect(exported[0]!.question).toBe(original0.question);
  const after2 = await pairDetail(request, p2);
  const out2 = exported[1]!;
  expect(out2.textAnswer).toBe(edited);
  expect(out2.targets).toHaveLength(before.targets.length);
  expect(out2.targets.length).toBe(out2.textAnswer.split("{seg}").length - 1);
  expect(after2.targets).toEqual([...before.targets.slice(1), addable[0]!.index]);
  const names = new Map(after2.annotations.map((a) => [a.index, a.categoryName]));
  expect(out2.targets.map((t) => t.category_name)).toEqual(after2.targets.map((t) => names.get(t)));
});
