import { z } from "zod";
import { roles } from "./roles";

/** The accounts API (issue 11): login body, who-am-I, the user list. */

/** Letters, digits and `. _ @ -`, starting with a letter or digit, at most 64 characters. */
export const userNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "a user name is 1 to 64 letters, digits or . _ @ -, starting with a letter or digit");

export const roleSchema = z.enum(roles);

export const loginBodySchema = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

export const actorSchema = z.object({ name: z.string(), role: roleSchema });
export type ActorView = z.infer<typeof actorSchema>;

/** `solo`: no users, no login, the reviewer types a name. `team`: sign in; `user` null until then. */
export const meSchema = z.object({ mode: z.enum(["solo", "team"]), user: actorSchema.nullable() });
export type Me = z.infer<typeof meSchema>;

export const userListSchema = z.object({ users: z.array(z.object({ name: z.string(), role: roleSchema })) });
