import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../api/apiError";
import type { Me } from "../api/schemas";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageTitle } from "../components/PageTitle";
import { StatusMessage } from "../components/StatusMessage";
import { TextField } from "../components/TextField";
import { useConfirmTotp, useStartTotpEnrolment } from "../hooks/useSession";

interface TwoFactorSceneProps {
  me: Me;
}

export function TwoFactorScene({ me }: TwoFactorSceneProps) {
  const startMutation = useStartTotpEnrolment();
  const confirmMutation = useConfirmTotp();
  const [code, setCode] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");

  function handleStart(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirmMutation.reset();
    startMutation.mutate(currentPassword, { onSuccess: () => setCurrentPassword("") });
  }

  function handleConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirmMutation.mutate(code.trim());
  }

  const enrolment = startMutation.data;

  return (
    <div className="panel panel-medium">
      <PageTitle title="Two-factor sign-in" />
      {me.totpEnabled ? (
        <>
          {confirmMutation.isSuccess ? (
            <StatusMessage>Two-factor sign-in is now on.</StatusMessage>
          ) : null}
          <p>
            Two-factor sign-in is on for your account. When you sign in, Sweetie asks for the
            6-digit code from your authenticator app after your password.
          </p>
        </>
      ) : (
        <>
          <p>
            With two-factor sign-in, a stolen password alone cannot open your account. Some
            operations require it before you can see them.
          </p>
          {enrolment === undefined ? (
            <form onSubmit={handleStart} className="form">
              <ErrorMessage error={startMutation.error} />
              <TextField
                label="Current password"
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                required
                hint="To make sure it is you before your sign-in changes."
                fieldError={fieldErrorOf(startMutation.error, "currentPassword")}
                value={currentPassword}
                onValueChange={setCurrentPassword}
              />
              <div className="form-actions">
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={startMutation.isPending}
                >
                  Set up two-factor sign-in
                </button>
              </div>
            </form>
          ) : (
            <>
              <h2>1. Add Sweetie to your authenticator app</h2>
              <p>
                In your authenticator app, choose to enter a setup key by hand and type this key.
                Keep it private; do not write it down anywhere others can see.
              </p>
              <dl className="record">
                <div className="record-row">
                  <dt>Setup key</dt>
                  <dd>
                    <code className="secret" data-testid="totp-secret">
                      {enrolment.secret}
                    </code>
                  </dd>
                </div>
                <div className="record-row">
                  <dt>Setup link</dt>
                  <dd>
                    <code className="secret secret-wrap" data-testid="totp-uri">
                      {enrolment.otpauthUri}
                    </code>
                  </dd>
                </div>
              </dl>
              <h2>2. Confirm with a code</h2>
              <form onSubmit={handleConfirm} className="form">
                <ErrorMessage error={confirmMutation.error} />
                <TextField
                  label="6-digit code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxLength={6}
                  required
                  hint="The code your app shows now for Sweetie."
                  value={code}
                  onValueChange={setCode}
                />
                <div className="form-actions">
                  <button
                    type="submit"
                    className="button button-primary"
                    disabled={confirmMutation.isPending}
                  >
                    Turn on two-factor sign-in
                  </button>
                </div>
              </form>
            </>
          )}
        </>
      )}
    </div>
  );
}
