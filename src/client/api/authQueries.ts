import { useQuery } from "@tanstack/react-query";
import type { Me } from "../../shared/authApi";
import { can, type Permission, type Role } from "../../shared/roles";
import { queryClient } from "../lib/queryClient";
import { fetchMe } from "./authClient";

export const authKeys = {
  me: ["auth", "me"] as const,
};

/** Who is signed in, and whether the server is in solo or team mode. */
export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity });
}

/** The signed-in role, or null in solo mode (or before the server answered: nothing is hidden yet). */
function roleOf(me: Me | undefined): Role | null {
  return me?.mode === "team" ? (me.user?.role ?? null) : null;
}

/** Whether the current user may do `permission` (always, in solo mode). */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return can(roleOf(data), permission);
}

export function useRole(): Role | null {
  return roleOf(useMe().data);
}

/** `useCan` outside React (decision actions called from keys). */
export function currentlyCan(permission: Permission): boolean {
  return can(roleOf(queryClient.getQueryData<Me>(authKeys.me)), permission);
}

/** A request answered 401 in team mode: the session ended; ask who we are again (shows the login). */
export function sessionEnded(): void {
  void queryClient.invalidateQueries({ queryKey: authKeys.me });
}

/**
 * Signed in or out: drop every cached answer (it belonged to someone else, or to nobody) and
 * put the new who-am-I in place. `clear()` would also detach the observers of `useMe`.
 */
export function identityChanged(me: Me): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.me[0] });
  queryClient.setQueryData(authKeys.me, me);
}
