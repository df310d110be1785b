import { lazy, Suspense } from "react";
import { postLogin } from "../../api/authClient";
import { identityChanged } from "../../api/authQueries";
import { ApiError } from "../../api/errors";
import { ThemeToggle } from "../../app/ThemeToggle";

/* Solo mode never shows the login, so it stays out of the initial bundle. */
const LoginScreen = lazy(() => import("./LoginScreen").then((m) => ({ default: m.LoginScreen })));

async function signIn(name: string, password: string): Promise<void> {
  try {
    identityChanged(await postLogin(name, password));
  } catch (failure) {
    throw new Error(failure instanceof ApiError ? failure.message : "the server did not answer; try again", { cause: failure });
  }
}

export function LazyLoginScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading…</main>}>
      <LoginScreen signIn={signIn} themeControl={<ThemeToggle />} />
    </Suspense>
  );
}
