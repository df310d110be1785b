import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountStore } from "../accounts";
import { ConflictError } from "../errors";

/*
 * What every AccountStore owes the app (sqlite/accounts.test.ts and pg/accounts.test.ts run it).
 * Hashes here are opaque strings: the store keeps them, it does not make them.
 */

export interface OpenedAccounts {
  accounts: AccountStore;
  cleanup(): Promise<void>;
}

const T0 = "2026-12-01T10:00:00.000Z";
const T1 = "2026-12-01T11:00:00.000Z";
const T2 = "2026-12-01T12:00:00.000Z";

export function describeAccountsContract(name: string, open: () => Promise<OpenedAccounts>): void {
  describe(`AccountStore contract: ${name}`, () => {
    let opened: OpenedAccounts;
    let accounts: AccountStore;
    beforeEach(async () => {
      opened = await open();
      accounts = opened.accounts;
    });
    afterEach(() => opened.cleanup());

    it("starts without users (solo mode) and has users once one is added", async () => {
      expect(await accounts.hasUsers()).toBe(false);
      const ana = await accounts.addUser({ name: "Ana", role: "lead", passwordHash: "hash-a", now: T0 });
      expect(ana).toEqual({ name: "Ana", role: "lead", createdAt: T0, updatedAt: T0 });
      expect(await accounts.hasUsers()).toBe(true);
    });

    it("keeps names unique regardless of case and finds a user by any case", async () => {
      await accounts.addUser({ name: "Ana", role: "lead", passwordHash: "hash-a", now: T0 });
      await expect(accounts.addUser({ name: "ana", role: "viewer", passwordHash: "x", now: T1 })).rejects.toBeInstanceOf(ConflictError);
      expect(await accounts.getUser("ANA")).toEqual({ name: "Ana", role: "lead", createdAt: T0, updatedAt: T0 });
      expect(await accounts.credentials("ana")).toEqual({ user: { name: "Ana", role: "lead", createdAt: T0, updatedAt: T0 }, passwordHash: "hash-a" });
      expect(await accounts.getUser("bob")).toBeNull();
      expect(await accounts.credentials("bob")).toBeNull();
    });

    it("lists users by name and changes roles", async () => {
      await accounts.addUser({ name: "zoe", role: "viewer", passwordHash: "z", now: T0 });
      await accounts.addUser({ name: "Bob", role: "reviewer", passwordHash: "b", now: T0 });
      expect(await accounts.setRole("ZOE", "admin", T1)).toBe(true);
      expect(await accounts.setRole("nobody", "admin", T1)).toBe(false);
      expect(await accounts.listUsers()).toEqual([
        { name: "Bob", role: "reviewer", createdAt: T0, updatedAt: T0 },
        { name: "zoe", role: "admin", createdAt: T0, updatedAt: T1 },
      ]);
    });

    it("finds the user of an unexpired session, with the role they have now", async () => {
      await accounts.addUser({ name: "ana", role: "reviewer", passwordHash: "a", now: T0 });
      await accounts.createSession({ idHash: "s1", user: "ana", createdAt: T0, expiresAt: T2 });
      expect((await accounts.sessionUser("s1", T1))?.role).toBe("reviewer");
      await accounts.setRole("ana", "viewer", T1);
      expect((await accounts.sessionUser("s1", T1))?.role).toBe("viewer");
      expect(await accounts.sessionUser("s1", T2)).toBeNull(); // expired at T2
      expect(await accounts.sessionUser("other", T1)).toBeNull();
      expect(await accounts.deleteExpiredSessions(T2)).toBe(1);
      expect(await accounts.sessionUser("s1", T0)).toBeNull();
    });

    it("ends a session unused since idleBefore and notes each use, at most once a minute", async () => {
      const at = (hhmmss: string) => `2026-12-01T${hhmmss}.000Z`;
      await accounts.addUser({ name: "ana", role: "reviewer", passwordHash: "a", now: T0 });
      await accounts.createSession({ idHash: "quick", user: "ana", createdAt: T0, expiresAt: T2 });
      await accounts.createSession({ idHash: "later", user: "ana", createdAt: T0, expiresAt: T2 });
      // Used 30 s after login: too soon to note, so its last use is still the login at 10:00:00.
      expect((await accounts.sessionUser("quick", at("10:00:30"), at("09:30:00")))?.name).toBe("ana");
      expect(await accounts.sessionUser("quick", at("10:30:05"), at("10:00:05"))).toBeNull();
      // Idle means deleted: asked again without an idle rule, it is gone.
      expect(await accounts.sessionUser("quick", at("10:30:05"))).toBeNull();

      // Used a minute after login: noted, so it is not idle by a rule that would have ended the login.
      expect((await accounts.sessionUser("later", at("10:01:00"), at("09:31:00")))?.name).toBe("ana");
      expect((await accounts.sessionUser("later", at("10:30:30"), at("10:00:30")))?.name).toBe("ana");
      expect(await accounts.sessionUser("later", at("11:31:00"), at("11:01:00"))).toBeNull();
    });

    it("sweeps idle sessions with the expired ones", async () => {
      await accounts.addUser({ name: "ana", role: "reviewer", passwordHash: "a", now: T0 });
      await accounts.createSession({ idHash: "old", user: "ana", createdAt: T0, expiresAt: T2 });
      await accounts.createSession({ idHash: "new", user: "ana", createdAt: T1, expiresAt: T2 });
      expect(await accounts.deleteExpiredSessions("2026-12-01T11:30:00.000Z", "2026-12-01T10:30:00.000Z")).toBe(1);
      expect(await accounts.sessionUser("old", "2026-12-01T11:30:00.000Z")).toBeNull();
      expect(await accounts.sessionUser("new", "2026-12-01T11:30:00.000Z")).not.toBeNull();
    });

    it("ends a session on logout, and every session of a user on a new password or removal", async () => {
      await accounts.addUser({ name: "ana", role: "reviewer", passwordHash: "a", now: T0 });
      await accounts.addUser({ name: "bob", role: "reviewer", passwordHash: "b", now: T0 });
      for (const [idHash, user] of [["a1", "ana"], ["a2", "ana"], ["b1", "bob"], ["b2", "bob"]] as const) {
        await accounts.createSession({ idHash, user, createdAt: T0, expiresAt: T2 });
      }
      await accounts.deleteSession("a1");
      expect(await accounts.sessionUser("a1", T1)).toBeNull();
      expect(await accounts.sessionUser("a2", T1)).not.toBeNull();

      expect(await accounts.setPassword("ana", "a-new", T1)).toBe(true);
      expect(await accounts.sessionUser("a2", T1)).toBeNull();
      expect((await accounts.credentials("ana"))?.passwordHash).toBe("a-new");
      expect(await accounts.setPassword("nobody", "x", T1)).toBe(false);

      expect(await accounts.removeUser("BOB")).toBe(true);
      expect(await accounts.sessionUser("b1", T1)).toBeNull();
      expect(await accounts.removeUser("bob")).toBe(false);
      expect(await accounts.getUser("bob")).toBeNull();
    });

    it("authenticates by token until it is revoked, and lists tokens without their secret", async () => {
      await accounts.addUser({ name: "ana", role: "lead", passwordHash: "a", now: T0 });
      await accounts.createToken({ id: "t1", hash: "h1", user: "ana", label: "ci", createdAt: T0 });
      await accounts.createToken({ id: "t2", hash: "h2", user: "ana", label: "sync", createdAt: T1 });
      await expect(accounts.createToken({ id: "t1", hash: "h3", user: "ana", label: "again", createdAt: T1 })).rejects.toBeInstanceOf(ConflictError);
      expect((await accounts.tokenUser("h1", T1))?.name).toBe("ana");
      expect(await accounts.tokenUser("nope", T1)).toBeNull();

      expect(await accounts.revokeToken("t1", T2)).toBe(true);
      expect(await accounts.revokeToken("t1", T2)).toBe(false);
      expect(await accounts.tokenUser("h1", T2)).toBeNull();
      expect((await accounts.tokenUser("h2", T2))?.name).toBe("ana");

      const listed = await accounts.listTokens();
      expect(listed).toEqual([
        { id: "t1", user: "ana", label: "ci", createdAt: T0, lastUsedAt: T1, revokedAt: T2 },
        { id: "t2", user: "ana", label: "sync", createdAt: T1, lastUsedAt: T2, revokedAt: null },
      ]);
      expect(JSON.stringify(listed)).not.toMatch(/"h[12]"/);
      expect(await accounts.listTokens("ANA")).toHaveLength(2);
      expect(await accounts.listTokens("bob")).toEqual([]);
    });

    it("drops a removed user's tokens", async () => {
      await accounts.addUser({ name: "ana", role: "lead", passwordHash: "a", now: T0 });
      await accounts.createToken({ id: "t1", hash: "h1", user: "ana", label: "ci", createdAt: T0 });
      await accounts.removeUser("ana");
      await accounts.addUser({ name: "ana", role: "admin", passwordHash: "b", now: T1 });
      expect(await accounts.tokenUser("h1", T1)).toBeNull();
      expect(await accounts.listTokens()).toEqual([]);
    });
  });
}
