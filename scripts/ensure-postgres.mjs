// The PostgreSQL store's tests need a local server. Like ensure-chromium.mjs: start the Debian
// cluster when it is installed but down, install it as root when it is missing, make sure the
// current user has a role, or stop with the exact command to run. Prints what it did in one line.
// MMR_DATABASE_URL set: that server is used as it is and nothing is checked here.
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";

const VERSION = process.env.MMR_PG_VERSION ?? "15";
const CLUSTER = "main";
const isRoot = process.getuid?.() === 0;
const user = userInfo().username;
const done = [];

function fail(why, command) {
  console.error(`PostgreSQL: ${why}. Run:\n  ${isRoot ? "" : "sudo "}${command}`);
  process.exit(1);
}

function run(command) {
  execSync(command, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** Status of the cluster from pg_lsclusters: "online", "down", or null when there is none. */
function clusterStatus() {
  if (!existsSync("/usr/bin/pg_lsclusters")) return null;
  const out = spawnSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
  if (out.status !== 0) return null;
  for (const line of out.stdout.split("\n")) {
    const [ver, name, , status] = line.trim().split(/\s+/);
    if (ver === VERSION && name === CLUSTER) return status?.startsWith("online") ? "online" : "down";
  }
  return null;
}

if (process.env.MMR_DATABASE_URL) {
  console.log(`PostgreSQL: using MMR_DATABASE_URL as given.`);
  process.exit(0);
}

let status = clusterStatus();
if (status === null) {
  const command = "apt-get update && apt-get install -y postgresql";
  if (!isRoot) fail(`version ${VERSION} is not installed`, command);
  run("apt-get update -qq");
  run("apt-get install -y -qq postgresql");
  done.push("installed postgresql");
  status = clusterStatus();
  if (status === null) fail(`apt installed no ${VERSION}/${CLUSTER} cluster`, `pg_createcluster ${VERSION} ${CLUSTER}`);
}

if (status === "down") {
  const command = `pg_ctlcluster ${VERSION} ${CLUSTER} start`;
  if (!isRoot) fail(`cluster ${VERSION}/${CLUSTER} is down`, command);
  run(command);
  done.push(`started cluster ${VERSION}/${CLUSTER}`);
}

const roleCheck = spawnSync("psql", ["-d", "postgres", "-tAc", "select 1"], { encoding: "utf8" });
if (roleCheck.status !== 0) {
  const command = `su postgres -c "createuser -s ${user}"`;
  if (!isRoot) fail(`role ${user} cannot connect (${roleCheck.stderr.trim().split("\n")[0]})`, command);
  const exists = spawnSync("su", ["postgres", "-c", `psql -tAc "select 1 from pg_roles where rolname = '${user}'"`], { encoding: "utf8" });
  if (exists.stdout.trim() !== "1") {
    run(command);
    done.push(`created role ${user}`);
  }
  const again = spawnSync("psql", ["-d", "postgres", "-tAc", "select 1"], { encoding: "utf8" });
  if (again.status !== 0) fail(`role ${user} still cannot connect (${again.stderr.trim().split("\n")[0]})`, command);
}

console.log(`PostgreSQL ${VERSION}/${CLUSTER}: ${done.length ? done.join(", ") : "already running"}; role ${user} ready.`);
