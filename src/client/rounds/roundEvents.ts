import type { QueryClient } from "@tanstack/react-query";
import type { RoundEvent } from "../../shared/events";

/*
 * What a `round` event (a vote saved, a pair agreed, sent to adjudication or adjudicated) makes the
 * Rounds screens refetch: the round's progress and "your rounds" counts always; its adjudication
 * queue and agreement once a pair has all its votes. Events of one burst are batched.
 */

export function roundQueryKeys(event: Pick<RoundEvent, "roundId" | "state">): (readonly unknown[])[] {
  const keys: (readonly unknown[])[] = [
    ["rounds", "progress", event.roundId],
    ["rounds", "mine"],
  ];
  if (event.state !== "open") keys.push(["rounds", "adjudication", event.roundId], ["rounds", "agreement", event.roundId]);
  return keys;
}

export function createRoundInvalidator(client: QueryClient, delayMs = 300) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<string, readonly unknown[]>();
  const flush = () => {
    timer = null;
    for (const queryKey of pending.values()) void client.invalidateQueries({ queryKey });
    pending.clear();
  };
  return {
    event(event: Pick<RoundEvent, "roundId" | "state">) {
      for (const key of roundQueryKeys(event)) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, delayMs);
    },
    /** After a reconnect: events sent meanwhile were lost. */
    everything() {
      pending.set('["rounds"]', ["rounds"]);
      timer ??= setTimeout(flush, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
