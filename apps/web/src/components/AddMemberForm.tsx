import { useState, type FormEvent } from "react";
import { roleSchema, roles, type Role } from "../api/schemas";
import { formatRole } from "../format";
import { useAddMember } from "../hooks/useOperations";
import { ErrorMessage } from "./ErrorMessage";
import { StatusMessage } from "./StatusMessage";
import { TextField } from "./TextField";

interface AddMemberFormProps {
  operationId: string;
}

export function AddMemberForm({ operationId }: AddMemberFormProps) {
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("operator");
  const addMember = useAddMember(operationId);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    addMember.mutate({ username: username.trim(), role }, { onSuccess: () => setUsername("") });
  }

  return (
    <form onSubmit={handleSubmit} className="form form-inline" aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">Add a member</h3>
      <ErrorMessage error={addMember.error} />
      {addMember.isSuccess ? (
        <StatusMessage>
          {`${addMember.data.displayName} (${addMember.data.username}) was added as ${formatRole(addMember.data.role)}.`}
        </StatusMessage>
      ) : null}
      <div className="form-row">
        <TextField
          label="Username"
          name="memberUsername"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onValueChange={setUsername}
        />
        <div className="field">
          <label htmlFor="add-member-role">Role</label>
          <select
            id="add-member-role"
            value={role}
            onChange={(event) => setRole(roleSchema.parse(event.target.value))}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {formatRole(option)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions form-actions-inline">
          <button type="submit" className="button button-primary" disabled={addMember.isPending}>
            Add member
          </button>
        </div>
      </div>
    </form>
  );
}
