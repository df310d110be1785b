import { z } from "zod";

/** Letters, digits and `. _ @ -`, starting with a letter or digit, at most 64 characters. */
export const userNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "a user name is 1 to 64 letters, digits or . _ @ -, starting with a letter or digit");

/** `POST /api/auth/login`. */
export const loginBodySchema = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) }).strict();

/** `GET /api/users`: names and roles only. */
export const userListSchema = z.object({ users: z.array(z.object({ name: z.string(), role: z.string() })) });
