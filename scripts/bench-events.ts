/*
 * Latency from a decision's PUT being answered to its `decision` event reaching an SSE client,
 * on one server process (SQLite, in-process bus) over real sockets. Prints numbers only.
 *   npx tsx scripts/bench-events.ts [rounds]
 */
import { exportChunks } from "../src/server/export/exportChunks";
import { createLiveEvents } from "../src/server/events/liveEvents";
import { startHttpServer } from "../src/server/http/listen";
import { createTestApp } from "../src/server/http/testApp";

const rounds = Number(process.argv[2] ?? 300);
const t = await createTestApp();
const events = createLiveEvents({ splitExists: (s) => t.store.getSplit(s) !== null });
const server = await startHttpServer({
  port: 0,
  host: "127.0.0.1",
  app: { store: t.store, imagesDirs: [t.files.imagesDir], clientDir: null, streamExport: (s, o) => exportChunks(t.store, s, o), events, logError: () => {} },
});
const base = `http://127.0.0.1:${server.port}`;
const controller = new AbortController();
const res = await fetch(`${base}/api/events?split=tiny`, { signal: controller.signal });
const reader = res.body!.getReader();
const decoder = new TextDecoder();
const waiting = new Map<number, (at: number) => void>();
void (async () => {
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return;
    const at = performance.now();
    buffer += decoder.decode(value, { stream: true });
    for (const match of buffer.matchAll(/^event: decision\ndata: (.*)$/gm)) {
      const { version } = JSON.parse(match[1]!) as { version: number };
      waiting.get(version)?.(at);
    }
    buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
  }
})();

const latencies: number[] = [];
for (let version = 0; version < rounds; version++) {
  const arrived = new Promise<number>((resolve) => waiting.set(version + 1, resolve));
  const put = await fetch(`${base}/api/pairs/tiny%3A1%3A0/decision`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ status: version % 2 ? "rejected" : "accepted", reasons: version % 2 ? ["other"] : [], reviewer: "bench", baseVersion: version }),
  });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
  const answered = performance.now();
  latencies.push((await arrived) - answered);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2);
console.log(`decision PUT answered → SSE event received, ${rounds} rounds: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`);
controller.abort();
await events.close();
await server.close(200);
t.close();
