/*
 * A small progress reporter for long CLI commands, on stderr so stdout stays clean for results.
 * On a terminal it redraws one line (bar, counts, MB/s, ETA) at most ten times a second;
 * otherwise (CI logs, pipes) it prints a plain line every few seconds.
 */

export interface ProgressSnapshot {
  /** Share done, 0..1, or null when unknown. */
  fraction: number | null;
  /** Bytes processed so far, for the MB/s figure. */
  bytes: number;
  /** What has been counted, e.g. "1,234 records · 4,321 pairs". */
  detail: string;
}

export interface ProgressReporter {
  update(snapshot: ProgressSnapshot): void;
  /** Clears the bar; the caller prints its own summary. */
  finish(): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

export function createProgress(label: string, out: Output = process.stderr, now: () => number = () => performance.now()): ProgressReporter {
  const started = now();
  const tty = out.isTTY === true;
  const interval = tty ? 100 : 5000;
  // The first update is drawn at once (it tells a log reader the work has started).
  let lastDraw = -Infinity;
  let drawn = false;
  let latest: ProgressSnapshot | null = null;
  let latestDrawn = false;

  const line = (s: ProgressSnapshot): string => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? s.bytes / 1e6 / seconds : 0;
    const eta = s.fraction !== null && s.fraction > 0 ? (seconds * (1 - s.fraction)) / s.fraction : NaN;
    const pct = s.fraction === null ? "" : `${(s.fraction * 100).toFixed(0).padStart(3)}% `;
    const bar = tty && s.fraction !== null ? `[${"#".repeat(Math.round(s.fraction * 20)).padEnd(20, "-")}] ` : "";
    return `${label} ${bar}${pct}${s.detail} · ${rate.toFixed(1)} MB/s · ETA ${formatDuration(eta)}`;
  };

  return {
    update(snapshot) {
      latest = snapshot;
      latestDrawn = false;
      const t = now();
      if (t - lastDraw < interval) return;
      lastDraw = t;
      latestDrawn = true;
      const text = line(snapshot);
      if (tty) {
        const width = out.columns ?? 100;
        out.write(`\r${text.slice(0, width - 1).padEnd(Math.min(width - 1, text.length))}\x1b[K`);
        drawn = true;
      } else {
        out.write(`${text}\n`);
      }
    },
    finish() {
      if (tty && drawn) out.write("\r\x1b[K");
      else if (!tty && latest && !latestDrawn) out.write(`${line(latest)}\n`);
      drawn = false;
      latest = null;
    },
  };
}
