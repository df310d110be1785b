// Entry for `tsx src/server/cli/run.ts …` (dev mode and scripts); `bin/mmr-review.mjs` is the installed one.
import { main } from "./main";

await main(process.argv);
