import { useState } from "react";
import type { Me } from "../api/schemas";
import { ChangePasswordForm } from "../components/ChangePasswordForm";
import { PageTitle } from "../components/PageTitle";
import { StatusMessage } from "../components/StatusMessage";

interface AccountPasswordSceneProps {
  me: Me;
}

export function AccountPasswordScene({ me }: AccountPasswordSceneProps) {
  const [changed, setChanged] = useState(false);
  return (
    <div className="panel panel-narrow">
      <PageTitle title="Change password" />
      {changed ? <StatusMessage>Your password has been changed.</StatusMessage> : null}
      <ChangePasswordForm me={me} onChanged={() => setChanged(true)} />
    </div>
  );
}
