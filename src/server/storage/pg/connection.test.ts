import { describe, expect, it } from "vitest";
import { clientConfig, isPostgresUrl, redact } from "./connection";

describe("postgres:// URLs", () => {
  it("tells a server URL from a SQLite file name", () => {
    expect(isPostgresUrl("postgres://bob@db:5432/mmr")).toBe(true);
    expect(isPostgresUrl("postgresql:///mmr?host=/var/run/postgresql")).toBe(true);
    expect(isPostgresUrl("review.db")).toBe(false);
    expect(isPostgresUrl("./postgres://odd.db")).toBe(false);
  });

  it("connects a URL without a user as PGUSER, and keeps a given user", () => {
    const before = process.env.PGUSER;
    process.env.PGUSER = "carol";
    try {
      expect(clientConfig("postgresql:///mmr?host=/var/run/postgresql").connectionString).toBe("postgresql://carol@/mmr?host=/var/run/postgresql");
      expect(clientConfig("postgres://bob@db:5432/mmr").connectionString).toBe("postgres://bob@db:5432/mmr");
    } finally {
      if (before === undefined) delete process.env.PGUSER;
      else process.env.PGUSER = before;
    }
  });

  it("never prints a password", () => {
    expect(redact("postgres://bob:s3cret@db:5432/mmr")).toBe("postgres://bob:***@db:5432/mmr");
  });
});
