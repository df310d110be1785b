import { describe, expect, it } from "vitest";
import { can, deniedReason, isRole, rolesWith } from "./roles";

/* Who may do what (README "Accounts and roles"), asked the way the server and the client ask. */

describe("roles", () => {
  it("lets solo mode (no users) do everything", () => {
    for (const p of ["read", "decide", "bulk", "users", "settings", "import"] as const) expect(can(null, p), p).toBe(true);
  });

  it("gives each role its permissions and no others", () => {
    expect(can("viewer", "read")).toBe(true);
    expect(can("viewer", "decide")).toBe(false);
    expect(can("viewer", "vote")).toBe(false);
    // A reviewer votes on the pairs a round hands them; deciding any pair directly is a lead's.
    expect(can("reviewer", "vote")).toBe(true);
    expect(can("reviewer", "decide")).toBe(false);
    expect(can("reviewer", "ownProgress")).toBe(true);
    expect(can("reviewer", "bulk")).toBe(false);
    expect(can("lead", "bulk")).toBe(true);
    expect(can("lead", "decide")).toBe(true);
    expect(can("lead", "vote")).toBe(true);
    expect(can("lead", "export")).toBe(true);
    expect(can("lead", "import")).toBe(false);
    expect(can("lead", "users")).toBe(false);
    expect(can("admin", "users")).toBe(true);
    expect(can("admin", "decide")).toBe(true);
  });

  it("lists the roles that hold a permission, in the order of the roles", () => {
    expect(rolesWith("read")).toEqual(["admin", "lead", "reviewer", "viewer"]);
    expect(rolesWith("vote")).toEqual(["admin", "lead", "reviewer"]);
    expect(rolesWith("decide")).toEqual(["admin", "lead"]);
    expect(rolesWith("export")).toEqual(["admin", "lead"]);
    expect(rolesWith("settings")).toEqual(["admin"]);
  });

  it("says why a control is unavailable, naming the roles that may use it", () => {
    expect(deniedReason("viewer", "vote")).toBe("your role (viewer) may not do this; it needs admin, lead or reviewer");
    expect(deniedReason("reviewer", "decide")).toBe("your role (reviewer) may not do this; it needs admin or lead");
    expect(deniedReason("reviewer", "bulk")).toBe("your role (reviewer) may not do this; it needs admin or lead");
    expect(deniedReason("lead", "users")).toBe("your role (lead) may not do this; it needs admin");
  });

  it("recognises role names and nothing else", () => {
    for (const r of ["admin", "lead", "reviewer", "viewer"]) expect(isRole(r), r).toBe(true);
    for (const v of ["Admin", "", "root", null, undefined, 1, ["admin"], "toString"]) expect(isRole(v), String(v)).toBe(false);
  });
});
