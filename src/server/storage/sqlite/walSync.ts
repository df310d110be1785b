import { open, type FileHandle } from "node:fs/promises";

/*
 * fdatasync of a database's WAL on libuv's thread pool. With synchronous=FULL SQLite syncs the WAL
 * inside COMMIT, on the thread that owns the connection: the server's event loop, which then
 * serves nothing for the 2–20 ms the disk takes (a 50-reviewer profile showed 17% of server time
 * there). Committing with synchronous=NORMAL and syncing here before answering keeps the promise
 * of FULL — a decision is acknowledged only once its WAL frames are on stable storage — without
 * blocking reads. Calls that arrive while a sync runs share the next one: it starts after the
 * running one ends, so it covers every commit made before it was asked for.
 */
export class WalSync {
  private handle: Promise<FileHandle> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly walFile: string) {}

  /** Resolves once everything committed before this call is durable. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.datasync().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running.then(
      () => this.restart(),
      () => this.restart(),
    );
    return this.queued;
  }

  private restart(): Promise<void> {
    this.queued = null;
    return this.sync();
  }

  private async datasync(): Promise<void> {
    // The WAL keeps its inode while any connection is open (SQLite truncates or rewinds it, never
    // unlinks it), so one handle serves the connection's whole life.
    this.handle ??= open(this.walFile, "r");
    try {
      await (await this.handle).datasync();
    } catch (error) {
      this.handle = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await (await handle?.catch(() => null))?.close();
  }
}
