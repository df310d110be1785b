import type { Page } from "@playwright/test";

/*
 * Headless Chromium has `showSaveFilePicker` on localhost, but nobody can answer its dialog.
 * Tests pick one of two real user paths instead:
 * - `withoutSavePicker`: a browser without the File System Access API (Firefox, Safari), so the
 *   screen falls back to gathering the file in memory (or to a plain link for large files);
 * - `withPickedFile`: the user "picks" a file; the picker answers with a real file handle in the
 *   origin-private file system, whose writable has the same swap-file semantics as a picked one.
 */

export async function withoutSavePicker(page: Page): Promise<void> {
  await page.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

export async function withPickedFile(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as { showSaveFilePicker?: unknown }).showSaveFilePicker = async (options?: { suggestedName?: string }) => {
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(options?.suggestedName ?? "download", { create: true });
    };
  });
}

/** The picked file's text, or null when there is none. */
export function pickedFileText(page: Page, name: string): Promise<string | null> {
  return page.evaluate(async (fileName) => {
    const root = await navigator.storage.getDirectory();
    try {
      return await (await (await root.getFileHandle(fileName)).getFile()).text();
    } catch {
      return null;
    }
  }, name);
}
