import type { Command } from "commander";
import { addUser, checkName, checkRole, existing, removeUser, resetPassword, setRole } from "../accounts/manage";
import { DEFAULT_DB } from "./serve";
import { openAccounts } from "./accountStore";
import { readNewPassword } from "./readPassword";

interface DbOption {
  db: string;
}

async function withAccounts<T>(db: string, work: (accounts: Awaited<ReturnType<typeof openAccounts>>["accounts"]) => Promise<T>): Promise<T> {
  const opened = await openAccounts(db);
  try {
    return await work(opened.accounts);
  } finally {
    await opened.close();
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `mmr-review users add|list|set-role|reset-password|remove` (passwords from stdin or a prompt). */
export function registerUsers(program: Command): void {
  const users = program.command("users").description("manage the users of a team server (the first user ends solo mode)");
  const db = (command: Command) => command.option("--db <file-or-url>", "review database (SQLite file or postgres:// URL)", DEFAULT_DB);

  db(users.command("add <name>"))
    .description("add a user; the password is read from standard input (or asked for on a terminal)")
    .requiredOption("--role <role>", "admin, lead, reviewer or viewer")
    .action(async (name: string, options: DbOption & { role: string }) => {
      await withAccounts(options.db, async (accounts) => {
        const wasSolo = !(await accounts.hasUsers());
        // Refuse a bad name or role before asking for a password.
        checkName(name);
        checkRole(options.role);
        const password = await readNewPassword();
        const user = await addUser(accounts, name, options.role, password);
        say(`added ${user.name} (${user.role})`);
        if (wasSolo) say("this database now has users: every route but login and health needs a session (team mode)");
      });
    });

  db(users.command("list"))
    .description("list users and their roles (never their passwords)")
    .action(async (options: DbOption) => {
      await withAccounts(options.db, async (accounts) => {
        const list = await accounts.listUsers();
        if (list.length === 0) return say("no users (solo mode)");
        const width = Math.max(...list.map((u) => u.name.length));
        for (const u of list) say(`${u.name.padEnd(width)}  ${u.role.padEnd(8)}  added ${u.createdAt}`);
        return undefined;
      });
    });

  db(users.command("set-role <name> <role>"))
    .description("change a user's role (takes effect on their next request)")
    .action(async (name: string, role: string, options: DbOption) => {
      await withAccounts(options.db, async (accounts) => {
        const user = await setRole(accounts, name, role);
        say(`${user.name} is now ${user.role}`);
      });
    });

  db(users.command("reset-password <name>"))
    .description("set a new password (read from standard input or asked for); ends the user's sessions")
    .action(async (name: string, options: DbOption) => {
      await withAccounts(options.db, async (accounts) => {
        await existing(accounts, name); // "no such user" before asking for a password
        const user = await resetPassword(accounts, name, await readNewPassword());
        say(`new password set for ${user.name}; their sessions have ended`);
      });
    });

  db(users.command("remove <name>"))
    .description("remove a user with their sessions and tokens (their decisions stay)")
    .action(async (name: string, options: DbOption) => {
      await withAccounts(options.db, async (accounts) => {
        const user = await removeUser(accounts, name);
        say(`removed ${user.name}`);
        if (!(await accounts.hasUsers())) say("no users left: the database is back in solo mode (serve binds to 127.0.0.1 only)");
      });
    });
}

export { withAccounts };
