import { lazy, Suspense } from "react";

/* Solo mode never shows the login, so it stays out of the initial bundle. */
const LoginScreen = lazy(() => import("./LoginScreen").then((m) => ({ default: m.LoginScreen })));

export function LazyLoginScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading…</main>}>
      <LoginScreen />
    </Suspense>
  );
}
