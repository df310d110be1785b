import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { cameOverHttps } from "./requestInfo";

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = "mmr_session";
/** A session lasts 12 hours from login (a working day), then the user signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session unused for 2 hours ends too (`serve --session-idle`); any request of the tab is a use. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;

/** The time before which a session's last use makes it idle at `now`. */
export function idleBefore(now: Date, idleMs: number): string {
  return new Date(now.getTime() - idleMs).toISOString();
}

export function sessionCookieOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, sessionId: string, ttlMs: number, trustProxy: boolean): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: "Strict",
    secure: cameOverHttps(c, trustProxy),
    path: "/",
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export function clearSessionCookie(c: Context, trustProxy: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: "Strict", secure: cameOverHttps(c, trustProxy), path: "/" });
}
