/*
 * For tests: reads a `GET /api/events` body as EventSource would, message by message.
 */

export interface SseMessage {
  event: string;
  data: string;
}

/** Reads an SSE body message by message, as EventSource would parse it. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const messages: SseMessage[] = [];
  let raw = "";
  async function pump(): Promise<boolean> {
    const { done, value } = await reader.read();
    if (done) return false;
    const text = decoder.decode(value, { stream: true });
    raw += text;
    buffer += text;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length > 0) messages.push({ event, data: data.join("\n") });
    }
    return true;
  }
  return {
    raw: () => raw,
    /** The first unread message named `event` (others stay unread). */
    async next(event: string, timeoutMs = 2_000): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = messages.findIndex((m) => m.event === event);
        if (index >= 0) return messages.splice(index, 1)[0]!;
        if (Date.now() > deadline) throw new Error(`no ${event} event within ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
        const more = await Promise.race([pump(), new Promise<boolean>((r) => setTimeout(() => r(true), 50))]);
        if (!more) throw new Error(`stream ended before a ${event} event`);
      }
    },
    /** Whatever arrives within `ms` (for "nothing arrives" checks). */
    async drain(ms: number): Promise<SseMessage[]> {
      const until = Date.now() + ms;
      while (Date.now() < until) await Promise.race([pump(), new Promise((r) => setTimeout(r, 20))]);
      return messages.splice(0);
    },
    cancel: () => reader.cancel(),
  };
}
