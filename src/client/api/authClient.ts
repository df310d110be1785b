import { meSchema, type Me } from "../../shared/authApi";
import { requestJson } from "./client";

/* Accounts (issue 11): who am I, sign in, sign out. */

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return requestJson("/api/auth/me", meSchema, signal ? { signal } : {});
}

export function postLogin(name: string, password: string): Promise<Me> {
  return requestJson("/api/auth/login", meSchema, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password }),
  });
}

export async function postLogout(): Promise<void> {
  await fetch("/api/auth/logout", { method: "POST" });
}
