import { z } from "zod";
import { roles } from "./roles";

/** The accounts API as the browser reads it (issue 11): who am I. Server-only schemas: server/accounts/schemas.ts. */

export const roleSchema = z.enum(roles);

export const actorSchema = z.object({ name: z.string(), role: roleSchema });
export type ActorView = z.infer<typeof actorSchema>;

/** `solo`: no users, no login, the reviewer types a name. `team`: sign in; `user` null until then. */
export const meSchema = z.object({ mode: z.enum(["solo", "team"]), user: actorSchema.nullable() });
export type Me = z.infer<typeof meSchema>;
