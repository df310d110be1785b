import { z } from "zod";
import { reviewerSchema, splitNameSchema, statusSchema } from "./domain";
import type { RoundEvent } from "./roundEvents";

export type { RoundEvent } from "./roundEvents";

/*
 * Live updates. Bus events travel between the server's parts (and, with PostgreSQL, between
 * server processes through NOTIFY): each is a small JSON object, at most MAX_EVENT_BYTES once
 * serialised, so it fits a NOTIFY payload (8,000 bytes). Stream messages are what
 * `GET /api/events` sends a browser; presence there is a snapshot kept by each server.
 */

/** PostgreSQL's NOTIFY payload limit is 8,000 bytes; every event must fit it. */
export const MAX_EVENT_BYTES = 8000;

export const pairIdSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*:-?\d+:\d+$/, "pair ids look like split:image_id:index");

/** A decision was durably saved (not sent for idempotent replays). */
export const decisionEventSchema = z.object({
  type: z.literal("decision"),
  split: splitNameSchema,
  pairId: pairIdSchema,
  status: statusSchema,
  version: z.number().int().nonnegative(),
  reviewer: z.string().max(80),
  updatedAt: z.string().max(40),
});
export type DecisionEvent = z.infer<typeof decisionEventSchema>;

/** An import of a split committed (its pairs, flags or decisions may have changed). */
export const importedEventSchema = z.object({
  type: z.literal("imported"),
  split: splitNameSchema,
  pairs: z.number().int().nonnegative(),
});
export type ImportedEvent = z.infer<typeof importedEventSchema>;

/** A browser tab's heartbeat: `reviewer` has `pairId` open (null: closed it). */
export const presenceEventSchema = z.object({
  type: z.literal("presence"),
  split: splitNameSchema,
  pairId: pairIdSchema.nullable(),
  reviewer: z.string().max(80),
  /** One browser tab, so two tabs of one reviewer are two entries. */
  session: z.string().min(1).max(64),
  /** Milliseconds since the epoch when the server received the heartbeat. */
  at: z.number().int().nonnegative(),
});
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

/** A comment was added to a pair's thread (issue 11); the text is fetched, not sent. */
export const commentEventSchema = z.object({
  type: z.literal("comment"),
  split: splitNameSchema,
  pairId: pairIdSchema,
  author: z.string().max(80),
  at: z.string().max(40),
});
export type CommentEvent = z.infer<typeof commentEventSchema>;


/** Every bus event; the schema that checks them is the server's (events/bus.ts), out of the client bundle. */
export type BusEvent = DecisionEvent | ImportedEvent | PresenceEvent | CommentEvent | RoundEvent;

/** The body of `POST /api/presence`, sent every ~10 s while a pair is open. */
export const presenceHeartbeatSchema = z.object({
  split: splitNameSchema,
  pairId: pairIdSchema.nullable(),
  reviewer: reviewerSchema,
  session: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "session ids use letters, digits, '_' and '-'"),
});
export type PresenceHeartbeat = z.infer<typeof presenceHeartbeatSchema>;

export const viewerSchema = z.object({
  reviewer: z.string(),
  session: z.string(),
  pairId: z.string(),
});
export type Viewer = z.infer<typeof viewerSchema>;

/** Who has which pair of a split open: the `presence` stream message and the heartbeat's answer. */
export const presenceSnapshotSchema = z.object({
  split: z.string(),
  viewers: z.array(viewerSchema),
});
export type PresenceSnapshot = z.infer<typeof presenceSnapshotSchema>;

/** The SSE `event:` names of `GET /api/events`. */
export const streamEventNames = ["decision", "imported", "presence", "comment", "round"] as const;
