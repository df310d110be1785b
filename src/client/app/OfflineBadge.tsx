import { useSyncExternalStore } from "react";
import { useOfflineQueueStore } from "../decisions/offlineQueueStore";

function subscribeOnline(callback: () => void) {
  window.addEventListener("online", callback);
  window.addEventListener("offline", callback);
  return () => {
    window.removeEventListener("online", callback);
    window.removeEventListener("offline", callback);
  };
}

/** How many decisions wait for the server; silent when none wait and the browser is online. */
export function OfflineBadge() {
  const waiting = useOfflineQueueStore((state) => state.items.length);
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  if (waiting === 0 && online) return null;
  const label =
    waiting === 0 ? "Offline" : `${waiting} decision${waiting === 1 ? "" : "s"} waiting${online ? "" : " (offline)"}`;
  return (
    <span className="offline-badge" data-testid="offline-badge" data-count={waiting} role="status" title="Decisions made while the server was unreachable are kept in this browser and sent when it is back.">
      {label}
    </span>
  );
}
