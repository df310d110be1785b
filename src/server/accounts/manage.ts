import { roleSchema } from "../../shared/authApi";
import { userNameSchema } from "./schemas";
import type { Role } from "../../shared/roles";
import { UserError } from "../errors";
import type { AccountStore, StoredUser } from "../storage/accounts";
import { hashPassword, passwordProblem } from "./passwords";
import { newApiToken, sha256 } from "./secrets";

/*
 * What `mmr-review users …` and `tokens …` do, as functions (tested without a terminal). Each
 * failure a user causes is one UserError line.
 */

const nowIso = () => new Date().toISOString();

export function checkName(name: string): string {
  const parsed = userNameSchema.safeParse(name);
  if (!parsed.success) throw new UserError(`user name ${JSON.stringify(name.slice(0, 80))}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

export function checkRole(role: string): Role {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new UserError(`--role ${JSON.stringify(role.slice(0, 40))}: expected one of ${roleSchema.options.join(", ")}`);
  return parsed.data;
}

function checkPassword(password: string): string {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  return password;
}

/** The user named `name` (any case), or a one-line UserError. */
export async function existing(accounts: AccountStore, name: string): Promise<StoredUser> {
  const user = await accounts.getUser(name);
  if (!user) throw new UserError(`no user named ${JSON.stringify(name.slice(0, 80))} (see: mmr-review users list)`);
  return user;
}

export async function addUser(accounts: AccountStore, name: string, role: string, password: string): Promise<StoredUser> {
  const checked = checkName(name);
  const checkedRole = checkRole(role);
  checkPassword(password);
  const taken = await accounts.getUser(checked);
  if (taken) throw new UserError(`a user named ${JSON.stringify(taken.name)} already exists (names ignore case)`);
  return accounts.addUser({ name: checked, role: checkedRole, passwordHash: await hashPassword(password), now: nowIso() });
}

/** Refuses a change that would leave users but no admin (nobody could manage them any more). */
async function keepAnAdmin(accounts: AccountStore, changed: StoredUser, after: Role | null): Promise<void> {
  if (changed.role !== "admin" || after === "admin") return;
  const users = await accounts.listUsers();
  const others = users.filter((u) => u.name !== changed.name);
  if (others.length > 0 && !others.some((u) => u.role === "admin")) {
    throw new UserError(`${changed.name} is the last admin; make another user admin first (mmr-review users set-role NAME admin)`);
  }
}

export async function setRole(accounts: AccountStore, name: string, role: string): Promise<StoredUser> {
  const user = await existing(accounts, name);
  const checkedRole = checkRole(role);
  await keepAnAdmin(accounts, user, checkedRole);
  await accounts.setRole(user.name, checkedRole, nowIso());
  return { ...user, role: checkedRole };
}

export async function resetPassword(accounts: AccountStore, name: string, password: string): Promise<StoredUser> {
  const user = await existing(accounts, name);
  checkPassword(password);
  await accounts.setPassword(user.name, await hashPassword(password), nowIso());
  return user;
}

export async function removeUser(accounts: AccountStore, name: string): Promise<StoredUser> {
  const user = await existing(accounts, name);
  await keepAnAdmin(accounts, user, null);
  await accounts.removeUser(user.name);
  return user;
}

/** A new API token for `user`: the secret is returned once and only its hash is kept. */
export async function createToken(accounts: AccountStore, name: string, label: string): Promise<{ id: string; token: string; user: StoredUser }> {
  const user = await existing(accounts, name);
  if (label.length > 200 || [...label].some((ch) => ch < " " || ch === "\u007f")) throw new UserError("--label: at most 200 characters, no control characters");
  const { id, token } = newApiToken();
  await accounts.createToken({ id, hash: sha256(token), user: user.name, label, createdAt: nowIso() });
  return { id, token, user };
}

export async function revokeToken(accounts: AccountStore, id: string): Promise<void> {
  if (!(await accounts.revokeToken(id, nowIso()))) {
    throw new UserError(`no active token with id ${JSON.stringify(id.slice(0, 40))} (see: mmr-review tokens list)`);
  }
}
