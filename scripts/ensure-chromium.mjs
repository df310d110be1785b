// End-to-end tests drive Debian's Chromium. Install it when missing (as root), or say exactly how.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

const chromium = process.env.MMR_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const command = "apt-get update && apt-get install -y chromium";
  if (process.getuid?.() === 0) {
    console.log(`Chromium is missing; running: ${command}`);
    execSync(command, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } else {
    console.error(`Chromium is missing at ${chromium}. Install it with:\n  sudo ${command}`);
    process.exit(1);
  }
}
