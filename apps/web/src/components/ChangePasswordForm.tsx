import { useState, type FormEvent } from "react";
import { ApiError } from "../api/apiError";
import type { Me } from "../api/schemas";
import { useChangePassword } from "../hooks/useSession";
import { ErrorMessage } from "./ErrorMessage";
import { TextField } from "./TextField";

const minimumLength = 12;

interface ChangePasswordFormProps {
  me: Me;
  currentPasswordLabel?: string;
  onChanged?: () => void;
}

/** Checks the rules the server enforces, so the user hears about a slip before sending. */
function checkNewPassword(me: Me, newPassword: string, confirmation: string): string | null {
  if (newPassword.length < minimumLength) {
    return `The new password is too short: use at least ${minimumLength} characters.`;
  }
  if (newPassword.trim().toLowerCase() === me.username.toLowerCase()) {
    return "The new password must not be your username. Choose something else.";
  }
  if (newPassword !== confirmation) {
    return "The two new passwords are not the same. Type the new password again in both fields.";
  }
  return null;
}

export function ChangePasswordForm({
  me,
  currentPasswordLabel = "Current password",
  onChanged,
}: ChangePasswordFormProps) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const changeMutation = useChangePassword();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = checkNewPassword(me, newPassword, confirmation);
    setLocalError(problem);
    if (problem !== null) return;
    changeMutation.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
          setConfirmation("");
          onChanged?.();
        },
      },
    );
  }

  const serverError = changeMutation.error;
  const fieldError = (field: string) =>
    serverError instanceof ApiError
      ? serverError.fieldErrors.find((error) => error.field === field)?.message
      : undefined;

  return (
    <form onSubmit={handleSubmit} className="form">
      {/* Lets password managers file the new password under the right account. */}
      <input
        type="text"
        name="username"
        autoComplete="username"
        value={me.username}
        readOnly
        hidden
      />
      {localError !== null ? (
        <p role="alert" className="message message-error">
          {localError}
        </p>
      ) : (
        <ErrorMessage error={serverError} />
      )}
      <TextField
        label={currentPasswordLabel}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onValueChange={setCurrentPassword}
        fieldError={fieldError("currentPassword")}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={minimumLength}
        hint={`At least ${minimumLength} characters, and not your username. A few unrelated words make a strong password.`}
        value={newPassword}
        onValueChange={setNewPassword}
        fieldError={fieldError("newPassword")}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        value={confirmation}
        onValueChange={setConfirmation}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={changeMutation.isPending}>
          {changeMutation.isPending ? "Changing password…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
