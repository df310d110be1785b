import type { Command } from "commander";
import { createToken, revokeToken } from "../accounts/manage";
import { DEFAULT_DB } from "./serve";
import { withAccounts } from "./users";

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `mmr-review tokens create|list|revoke`: API tokens for scripts (`Authorization: Bearer …`). */
export function registerTokens(program: Command): void {
  const tokens = program.command("tokens").description("API tokens for the CLI and scripts: shown once, stored hashed, revocable");
  const db = (command: Command) => command.option("--db <file-or-url>", "review database (SQLite file or postgres:// URL)", DEFAULT_DB);

  db(tokens.command("create <user>"))
    .description("create a token acting as <user> (with their role); printed once on standard output")
    .option("--label <text>", "what the token is for", "")
    .action(async (user: string, options: { db: string; label: string }) => {
      await withAccounts(options.db, async (accounts) => {
        const created = await createToken(accounts, user, options.label);
        process.stderr.write(`token ${created.id} for ${created.user.name} (${created.user.role}); it is shown only now, store it safely:\n`);
        say(created.token);
      });
    });

  db(tokens.command("list"))
    .description("list tokens (ids and labels, never the secret)")
    .option("--user <name>", "only this user's tokens")
    .action(async (options: { db: string; user?: string }) => {
      await withAccounts(options.db, async (accounts) => {
        const list = await accounts.listTokens(options.user);
        if (list.length === 0) return say("no tokens");
        for (const t of list) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? "never"}`;
          say(`${t.id}  ${t.user}  ${JSON.stringify(t.label)}  created ${t.createdAt}  ${state}`);
        }
        return undefined;
      });
    });

  db(tokens.command("revoke <id>"))
    .description("revoke a token; it stops working on its next request")
    .action(async (id: string, options: { db: string }) => {
      await withAccounts(options.db, async (accounts) => {
        await revokeToken(accounts, id);
        say(`revoked ${id}`);
      });
    });
}
