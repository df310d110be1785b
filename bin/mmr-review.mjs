#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so `npx mmr-review` works right after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/server/cli/main.ts");
await main(process.argv);
