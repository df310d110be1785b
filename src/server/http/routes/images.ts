import { open } from "node:fs/promises";
import { extname } from "node:path";
import { Hono } from "hono";
import { splitNameSchema } from "../../../shared/domain";
import { imageExtensions, imageTypeOfBytes } from "../contentTypes";
import { sendFile } from "../fileResponse";
import { HttpError } from "../httpError";
import { resolveInside, safeRelativePath } from "../safePath";
import type { ReviewStore } from "../../storage/store";

/** Browsers may reuse an image for an hour, then revalidate cheaply with the ETag. */
const IMAGE_CACHE = "private, max-age=3600";

/** The first bytes of a file, enough for every signature `imageTypeOfBytes` knows. */
async function headOf(path: string): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * `GET /api/images/:split/:imageId`: the file name comes from the store (the record's
 * `file_name` in that split), never from the request, must pass the shared path rule and resolve
 * inside one of the images folders (tried in order), and its bytes must be an image (PNG, JPEG,
 * WebP, GIF or BMP signature; served with that type), which also defuses a hard link inside the
 * folder to some other file. The old split-less `/api/images/:imageId` answers 404.
 */
export function imageRoutes(store: ReviewStore, imagesDirs: readonly string[]): Hono {
  const app = new Hono();
  app.get("/:split/:imageId", async (c) => {
    const split = c.req.param("split");
    const raw = c.req.param("imageId");
    if (!splitNameSchema.safeParse(split).success || !/^-?\d{1,15}$/.test(raw)) {
      throw new HttpError(404, "image_not_found", `no image ${JSON.stringify(raw)} in split ${JSON.stringify(split)}`);
    }
    const imageId = Number(raw);
    const fileName = await store.imageFileName(split, imageId);
    if (fileName === null) throw new HttpError(404, "image_not_found", `no image with id ${imageId} in split ${split}`);
    if (safeRelativePath(fileName) === null) {
      throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is outside the images folder`);
    }
    if (!imageExtensions.has(extname(fileName).toLowerCase())) {
      throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is not a png, jpg, webp, gif or bmp file`);
    }
    for (const dir of imagesDirs) {
      const resolved = await resolveInside(dir, fileName);
      if (resolved.kind === "refused") {
        throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is outside the images folder`);
      }
      if (resolved.kind === "ok") {
        const head = await headOf(resolved.path).catch(() => null);
        if (head === null) continue; // not a readable file here; try the next folder
        const type = imageTypeOfBytes(head);
        if (type === null) {
          throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is not an image (its bytes have no image signature)`);
        }
        const response = await sendFile(c, resolved.path, IMAGE_CACHE, { contentType: type });
        if (response) return response;
      }
    }
    throw new HttpError(
      404,
      "image_missing",
      imagesDirs.length === 0
        ? `image ${imageId}: no images folder was given (serve --images DIR)`
        : `image ${imageId}: ${fileName} was not found in the images folder`,
    );
  });
  return app;
}
