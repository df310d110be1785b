import { z } from "zod";
import { splitNameSchema } from "./domain";
import { pairIdSchema } from "./events";

/* The live `round` event, in its own module so only the (lazy) Rounds screens load its schema. */

/**
 * A review round changed (issue 11): a vote was saved (`vote`, with the pair's state after it: still
 * open, agreed, or waiting for adjudication) or a lead adjudicated the pair (`resolved`). Names no
 * reviewer and no status, so a blind round stays blind to whoever listens; screens refetch.
 */
export const roundEventSchema = z.object({
  type: z.literal("round"),
  split: splitNameSchema,
  roundId: z.number().int().positive(),
  pairId: pairIdSchema,
  change: z.enum(["vote", "resolved"]),
  /** `slotStates` of ./rounds, spelt out so the initial bundle does not load the rounds module. */
  state: z.enum(["open", "agreed", "adjudication", "resolved"]),
  at: z.string().max(40),
});
export type RoundEvent = z.infer<typeof roundEventSchema>;
