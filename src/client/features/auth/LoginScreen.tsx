import { useState, type FormEvent } from "react";
import type { ReactNode } from "react";
import "./login.css";

export interface LoginScreenProps {
  /**
   * Signs in; rejects with an Error whose message is shown. Passed in (with the theme control),
   * so this lazily loaded screen shares no module with the initial bundle.
   */
  signIn: (name: string, password: string) => Promise<void>;
  themeControl: ReactNode;
}

/** Team mode without a session: the only screen until the user signs in. */
export function LoginScreen({ signIn, themeControl }: LoginScreenProps) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(name.trim(), password);
    } catch (failure) {
      setPassword("");
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" data-testid="login-screen">
      <div className="login__theme">
        {themeControl}
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
