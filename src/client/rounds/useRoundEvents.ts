import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { roundEventSchema } from "../../shared/roundEvents";
import { createRoundInvalidator } from "./roundEvents";

/*
 * While a Rounds screen is open: one EventSource of every split (rounds span splits), listening to
 * `round` events only, so progress and the adjudication queue follow votes as they are cast.
 * EventSource reconnects by itself; after a reconnect everything about rounds is refetched.
 */
export function useRoundEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const invalidate = createRoundInvalidator(client);
    const source = new EventSource("/api/events");
    let openedBefore = false;
    source.onopen = () => {
      if (openedBefore) invalidate.everything();
      openedBefore = true;
    };
    source.addEventListener("round", (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const event = roundEventSchema.safeParse(data);
      if (event.success) invalidate.event(event.data);
    });
    return () => {
      source.close();
      invalidate.cancel();
    };
  }, [client]);
}
