import { Worker } from "node:worker_threads";

/*
 * WAL checkpoints off the event loop. SQLite checkpoints inside the COMMIT that pushes the WAL past
 * `wal_autocheckpoint` pages (1,000 by default): it copies the WAL's pages into the database file
 * and syncs it, on the thread that committed. In the server that is the event loop: timing the
 * decision transactions of `npm run bench:load` (50 reviewers, 300 ms think, 154K split) gave p50
 * 0.26 ms but p99 10 ms and max 18 ms, and the CPU profile showed those stretches inside the
 * transaction every few dozen decisions — the whole server stood still for each.
 *
 * So decision writes commit with auto-checkpoints off, and this class has a worker thread, on a
 * connection of its own, run PASSIVE checkpoints after a burst of commits or a quiet spell. PASSIVE
 * takes no lock the writer needs; once it has copied everything, SQLite rewinds the WAL at the next
 * write. Under a steady stream of writes a checkpoint may never catch up (new frames arrive while it
 * copies), so when the WAL passes DRAIN_FRAMES the store holds its next writes (`ready()`, an
 * asynchronous wait: reads go on) until a checkpoint has copied everything. A drain that cannot
 * finish in DRAIN_WAIT_MS (an export's snapshot pins old frames) stops holding writes until the WAL
 * has grown by another DRAIN_FRAMES. If the worker dies, commits checkpoint inline again, as before.
 */

/** Group commits after which a checkpoint is asked for at once rather than after a quiet spell. */
const BURST = 64;
/** A quiet spell after the last write that also asks for one. */
const QUIET_MS = 200;
/** WAL frames (pages) above which writes wait for a checkpoint to catch up: 8 MB of 4 KB pages. */
export const DRAIN_FRAMES = 2_048;
/** The longest writes are held for one drain. */
const DRAIN_WAIT_MS = 1_000;

interface Reply {
  ok: boolean;
  log?: number;
  checkpointed?: number;
  message?: string;
}

export class Checkpointer {
  private worker: Worker | null;
  private sinceAsked = 0;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private drainAbove = DRAIN_FRAMES;
  private drain: { promise: Promise<void>; done: () => void } | null = null;
  private closed: Promise<void> | null = null;

  constructor(file: string, private readonly onError: (message: string) => void = () => {}) {
    const worker = new Worker(new URL("./checkpointWorker.mjs", import.meta.url), { workerData: { file } });
    worker.unref();
    worker.on("message", (reply: Reply) => this.finished(reply));
    const died = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.running = false;
      this.endDrain();
      this.onError(`background checkpoints stopped (${why}); checkpointing in the commit again`);
    };
    worker.on("error", (error) => died(error.message.split("\n")[0] ?? "worker error"));
    worker.on("exit", (code) => died(`worker exit ${code}`));
    this.worker = worker;
  }

  /** False once the worker is gone: commits should checkpoint as SQLite does by itself. */
  get active(): boolean {
    return this.worker !== null;
  }

  /** Null, or a wait the next write must do because the WAL is long and being drained. */
  ready(): Promise<void> | null {
    return this.drain?.promise ?? null;
  }

  /** A group commit went in. Cheap: counts, and asks for a checkpoint after a burst or a pause. */
  committed(): void {
    if (!this.worker) return;
    this.sinceAsked++;
    if (this.sinceAsked >= BURST) this.ask();
    else {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.ask(), QUIET_MS);
      this.timer.unref();
    }
  }

  private ask(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.worker) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.sinceAsked = 0;
    this.running = true;
    this.worker.postMessage("checkpoint");
  }

  private finished(reply: Reply): void {
    this.running = false;
    if (!reply.ok) {
      this.onError(`background checkpoint failed: ${reply.message ?? "unknown error"}`);
      this.endDrain();
    } else {
      const log = reply.log ?? 0;
      // Copied everything it saw, and nothing was committed meanwhile: the WAL is drained and the
      // next write rewinds it. Commits during the checkpoint left frames it never saw.
      const complete = log <= (reply.checkpointed ?? 0) && this.sinceAsked === 0;
      if (complete) {
        this.drainAbove = DRAIN_FRAMES;
        this.endDrain();
      } else if (log > this.drainAbove && !this.drain) {
        this.startDrain(log);
        this.again = true;
      } else if (this.drain) {
        this.again = true; // writes are held: the next checkpoint finds nothing new
      }
    }
    if (this.again) {
      this.again = false;
      this.ask();
    }
  }

  private startDrain(log: number): void {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => (done = resolve));
    const timer = setTimeout(() => {
      // Something pins the WAL (a long read): stop holding writes until it grows further.
      this.drainAbove = log + DRAIN_FRAMES;
      this.endDrain();
    }, DRAIN_WAIT_MS);
    timer.unref();
    this.drain = {
      promise,
      done: () => {
        clearTimeout(timer);
        done();
      },
    };
  }

  private endDrain(): void {
    const drain = this.drain;
    this.drain = null;
    drain?.done();
  }

  /** Stops the worker (its connection closes; the store's own close then checkpoints as usual). */
  close(): Promise<void> {
    this.closed ??= (async () => {
      if (this.timer) clearTimeout(this.timer);
      const worker = this.worker;
      this.worker = null;
      this.endDrain();
      if (!worker) return;
      const exited = new Promise<void>((done) => worker.once("exit", () => done()));
      // Held while it closes: unref'd, a process whose last work is this close (a CLI import) would
      // find its event loop empty and exit with the close unfinished (code 13).
      worker.ref();
      worker.postMessage("close");
      await Promise.race([exited, new Promise<void>((done) => setTimeout(done, 2_000).unref())]);
      await worker.terminate();
    })();
    return this.closed;
  }
}
