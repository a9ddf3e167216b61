import { useState, type FormEvent } from "react";
import { isApiError } from "../api/apiError";
import { ErrorMessage } from "../components/ErrorMessage";
import { PageTitle } from "../components/PageTitle";
import { StatusMessage } from "../components/StatusMessage";
import { TextField } from "../components/TextField";
import { useSignIn } from "../hooks/useSession";

export function SignInScene() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const signInMutation = useSignIn();

  // A two-factor account is asked for its code whether or not the password was right (the
  // answer tells nothing about the password): from then on the code field stays, and an answer
  // of `second_factor_required` is an instruction, not an error.
  const askedForCode = isApiError(signInMutation.error, "second_factor_required");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signInMutation.mutate(
      { username: username.trim(), password, ...(needsCode ? { code: code.trim() } : {}) },
      {
        onError: (error) => {
          if (isApiError(error, "second_factor_required")) setNeedsCode(true);
        },
      },
    );
  }

  return (
    <div className="centered-page">
      <div className="panel panel-narrow">
        <p className="product-name product-name-large">Sweetie</p>
        <PageTitle title="Sign in" focusOnOpen={false} />
        <form onSubmit={handleSubmit} className="form">
          <p className="muted">For authorized investigation teams. Every sign-in is recorded.</p>
          {askedForCode ? (
            <StatusMessage>Enter the 6-digit code from your authenticator app.</StatusMessage>
          ) : (
            <ErrorMessage error={signInMutation.error} />
          )}
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            value={username}
            onValueChange={setUsername}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValueChange={setPassword}
          />
          {needsCode ? (
            <TextField
              autoFocus
              label="6-digit code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              hint="From the authenticator app you set up for Sweetie."
              value={code}
              onValueChange={setCode}
            />
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={signInMutation.isPending}
            >
              {signInMutation.isPending ? "Signing in…" : "Sign in"}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
