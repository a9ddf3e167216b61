import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { createUser } from "../../api/administration";
import { ErrorMessage } from "../../components/ErrorMessage";
import { TextField } from "../../components/TextField";
import { OneTimePasswordNotice } from "./OneTimePasswordNotice";

export function CreateUserForm() {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const create = useMutation({
    mutationFn: () => createUser({ username: username.trim(), displayName, isAdmin }),
    onSuccess: () => {
      setUsername("");
      setDisplayName("");
      setIsAdmin(false);
      void queryClient.invalidateQueries({ queryKey: ["users"] });
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <section aria-labelledby="new-person-heading" className="section">
      <h2 id="new-person-heading">Add a person</h2>
      {create.data ? (
        <OneTimePasswordNotice
          username={create.data.user.username}
          password={create.data.oneTimePassword}
          onDone={() => create.reset()}
        />
      ) : null}
      <form onSubmit={handleSubmit} className="form" noValidate>
        {fieldErrorOf(create.error, "username") ||
        fieldErrorOf(create.error, "displayName") ? null : (
          <ErrorMessage error={create.error} />
        )}
        <div className="form-row">
          <TextField
            label="Username"
            name="newUsername"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            hint="Lowercase letters, digits, dots, dashes or underscores, e.g. ana.reyes."
            value={username}
            onValueChange={setUsername}
            fieldError={fieldErrorOf(create.error, "username")}
          />
          <TextField
            label="Full name"
            name="newDisplayName"
            autoComplete="off"
            required
            hint="As the team knows them."
            value={displayName}
            onValueChange={setDisplayName}
            fieldError={fieldErrorOf(create.error, "displayName")}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={isAdmin}
            onChange={(event) => setIsAdmin(event.target.checked)}
          />
          System administrator (creates operations and accounts; sees no evidence by that alone)
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            Create account
          </button>
        </div>
      </form>
    </section>
  );
}
