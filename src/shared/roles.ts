/*
 * Who may do what, in one table read by the server (which enforces it on every route, see
 * server/http/auth/routeRoles.ts) and by the client (which hides or disables what a role may not
 * use, and says why). Solo mode (no users) has no roles: everything is allowed there.
 */

export const roles = ["admin", "lead", "reviewer", "viewer"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** Read pairs, history, images, the queue, gallery, stats, live events. */
  "read",
  /** Cast one's vote on the pairs one's review rounds hand out (next, lease, vote), and comment. */
  "vote",
  /** Decide (accept/reject/reset) any pair directly, one at a time, outside a round. */
  "decide",
  /** Progress of one's own work. */
  "ownProgress",
  /** Bulk decisions from the gallery. */
  "bulk",
  /** Create and manage review rounds (and see the users a round can be given to). */
  "rounds",
  /** Resolve disagreements between votes. */
  "adjudicate",
  /** The dashboard: aggregates over every reviewer's work. */
  "dashboard",
  /** Download cleaned splits and decision logs. */
  "export",
  /** Import splits and predictions. */
  "import",
  /** Add, change and remove users and their tokens. */
  "users",
  /** Server settings. */
  "settings",
] as const;
export type Permission = (typeof permissions)[number];

/*
 * A reviewer decides the pairs handed to them (issue 11): their rounds' pairs, through "next" and
 * votes. Deciding any pair of the queue directly is a lead's (two reviewers walking one queue
 * collide, and their decisions would bypass the round's overlap and agreement).
 */
const reviewerCan: readonly Permission[] = ["read", "vote", "ownProgress"];
const leadCan: readonly Permission[] = [...reviewerCan, "decide", "bulk", "rounds", "adjudicate", "dashboard", "export"];

/** Each role's permissions. An admin may do everything a lead may, plus users, imports and settings. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ["read"],
  reviewer: reviewerCan,
  lead: leadCan,
  admin: [...leadCan, "import", "users", "settings"],
};

/** Whether `role` may do `permission`; `null` is solo mode (no users), where everything is allowed. */
export function can(role: Role | null, permission: Permission): boolean {
  return role === null || rolePermissions[role].includes(permission);
}

/** The roles that hold `permission`, for messages and the README table. */
export function rolesWith(permission: Permission): Role[] {
  return roles.filter((role) => rolePermissions[role].includes(permission));
}

/** Why a control is unavailable to `role`, as shown next to it (a title or a note). */
export function deniedReason(role: Role, permission: Permission): string {
  const allowed = rolesWith(permission);
  const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}` : (allowed[0] ?? "no role");
  return `your role (${role}) may not do this; it needs ${list}`;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}
