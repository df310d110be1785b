import { postLogout } from "../../api/authClient";
import { identityChanged, useMe } from "../../api/authQueries";
import { useReviewerStore } from "../../app/reviewerStore";

/** Team mode: the signed-in user and role in the top bar, with Log out. */
export function SignedInUser() {
  const { data: me } = useMe();
  if (me?.mode !== "team" || !me.user) return null;
  const logout = async () => {
    await postLogout().catch(() => undefined);
    useReviewerStore.getState().reviewerNamed("");
    identityChanged({ mode: "team", user: null });
  };
  return (
    <span className="topbar__user" data-testid="signed-in-user">
      <span>
        <span className="visually-hidden">Signed in as </span>
        <strong>{me.user.name}</strong> <span className="topbar__role">{me.user.role}</span>
      </span>
      <button type="button" onClick={() => void logout()}>
        Log out
      </button>
    </span>
  );
}
