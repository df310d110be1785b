import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientConfig } from "./connection";
import { executeSql, sqlLiteral } from "./sessionStatements";
import { createTestDatabase, type TestDatabase } from "./testDb";

let db: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  pool = new pg.Pool({ ...clientConfig(db.url), max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const hostile = ["it's", "back\\slash", "\\'; DROP TABLE x; --", "tab\there\nnewline", "$1 $$ dollar $$", "ünïcødé 👍", "", "E'x'"];

describe("sqlLiteral", () => {
  it("gives every string back as itself, whatever quotes, backslashes or SQL it holds", async () => {
    for (const value of hostile) {
      const { rows } = await pool.query<{ v: string }>(`SELECT ${sqlLiteral(value)}::text AS v`);
      expect(rows[0]!.v).toBe(value);
    }
  });

  it("writes arrays as array literals, elements escaped, NULL kept", async () => {
    const { rows } = await pool.query<{ t: string[]; n: number[] }>(`SELECT ${sqlLiteral([...hostile, null])}::text[] AS t, ${sqlLiteral([1, -2, 30])}::int[] AS n`);
    expect(rows[0]!.t).toEqual([...hostile, null]);
    expect(rows[0]!.n).toEqual([1, -2, 30]);
    expect(sqlLiteral([])).toBe("'{}'");
  });

  it("writes numbers, booleans and null as SQL", () => {
    expect(sqlLiteral(42)).toBe("42");
    expect(sqlLiteral(-1.5)).toBe("-1.5");
    expect(sqlLiteral(true)).toBe("TRUE");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(undefined)).toBe("NULL");
  });

  it("refuses what has no literal: non-finite numbers, objects, functions", () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => sqlLiteral([Infinity])).toThrow(/finite/);
    expect(() => sqlLiteral({ a: 1 })).toThrow(/no literal/);
    expect(() => sqlLiteral([{ a: 1 }])).toThrow(/no array element/);
    expect(() => sqlLiteral(() => 1)).toThrow(/no literal/);
  });
});

describe("executeSql", () => {
  const text = "SELECT $1::text AS a, $2::int + 1 AS b";

  it("runs a statement in a batch with its values, again and again on one connection and on another", async () => {
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      for (const client of [first, second, first]) {
        const results = (await client.query(`BEGIN; ${await executeSql(client, text, ["it's", 41])}; COMMIT`)) as unknown as pg.QueryResult[];
        expect(results[1]!.rows).toEqual([{ a: "it's", b: 42 }]);
      }
    } finally {
      first.release();
      second.release();
    }
  });

  it("keeps working on a connection whose transaction rolled back after the PREPARE", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const sql = await executeSql(client, "SELECT $1::int * 2 AS d", [3]);
      await expect(client.query(`${sql}; SELECT 1/0`)).rejects.toThrow(/division by zero/);
      await client.query("ROLLBACK");
      const result = await client.query(await executeSql(client, "SELECT $1::int * 2 AS d", [5]));
      expect(result.rows).toEqual([{ d: 10 }]);
    } finally {
      client.release();
    }
  });
});
