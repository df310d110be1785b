import { extname } from "node:path";
import { Hono } from "hono";
import { imageExtensions } from "../contentTypes";
import { sendFile } from "../fileResponse";
import { HttpError } from "../httpError";
import { resolveInside, safeRelativePath } from "../safePath";
import type { ReviewStore } from "../../storage/store";

/** Browsers may reuse an image for an hour, then revalidate cheaply with the ETag. */
const IMAGE_CACHE = "private, max-age=3600";

/**
 * `GET /api/images/:imageId`: the file name comes from the store (the record's `file_name`), never
 * from the request, and must resolve inside one of the images folders (tried in order).
 */
export function imageRoutes(store: ReviewStore, imagesDirs: readonly string[]): Hono {
  const app = new Hono();
  app.get("/:imageId", async (c) => {
    const raw = c.req.param("imageId");
    if (!/^-?\d{1,15}$/.test(raw)) throw new HttpError(404, "image_not_found", `no image with id ${JSON.stringify(raw)}`);
    const imageId = Number(raw);
    const fileName = store.imageFileName(imageId);
    if (fileName === null) throw new HttpError(404, "image_not_found", `no image with id ${imageId}`);
    if (safeRelativePath(fileName) === null) {
      throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is outside the images folder`);
    }
    if (!imageExtensions.has(extname(fileName).toLowerCase())) {
      throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is not a png, jpg, webp or gif file`);
    }
    for (const dir of imagesDirs) {
      const resolved = await resolveInside(dir, fileName);
      if (resolved.kind === "refused") {
        throw new HttpError(403, "image_refused", `image ${imageId}: ${JSON.stringify(fileName)} is outside the images folder`);
      }
      if (resolved.kind === "ok") {
        const response = await sendFile(c, resolved.path, IMAGE_CACHE);
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
