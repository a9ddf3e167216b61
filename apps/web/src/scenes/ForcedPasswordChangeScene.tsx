import type { Me } from "../api/schemas";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { PageTitle } from "../components/PageTitle";

interface ForcedPasswordChangeSceneProps {
  me: Me;
}

/** Shown instead of everything else while the server requires a new password. */
export function ForcedPasswordChangeScene({ me }: ForcedPasswordChangeSceneProps) {
  return (
    <div className="panel panel-narrow">
      <PageTitle title="Choose your own password" />
      <p>
        You signed in with a one-time password from your administrator. Before you continue, replace
        it with a password only you know.
      </p>
      <ChangePasswordForm me={me} currentPasswordLabel="One-time or current password" />
    </div>
  );
}
