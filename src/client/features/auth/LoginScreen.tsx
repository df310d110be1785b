import { useState, type FormEvent } from "react";
import { ApiError } from "../../api/errors";
import { postLogin } from "../../api/authClient";
import { identityChanged } from "../../api/authQueries";
import { ThemeToggle } from "../../app/ThemeToggle";
import "./login.css";

/** Team mode without a session: the only screen until the user signs in. */
export function LoginScreen() {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await postLogin(name.trim(), password);
      identityChanged(me);
    } catch (failure) {
      setPassword("");
      setError(failure instanceof ApiError ? failure.message : "the server did not answer; try again");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" data-testid="login-screen">
      <div className="login__theme">
        <ThemeToggle />
      </div>
      <form className="login__card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">Sign in to MMR Review</h1>
        <p className="muted">This server has accounts. Ask its admin for one if you have none.</p>
        <label className="field">
          <span>User name</span>
          <input name="username" autoComplete="username" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="login__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="button--primary" disabled={busy || !name.trim() || !password}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
