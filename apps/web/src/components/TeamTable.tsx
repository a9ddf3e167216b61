import { useState } from "react";
import type { TeamMember } from "../api/schemas";
import { formatRole } from "../format";
import { useRemoveMember } from "../hooks/useOperations";
import { ErrorMessage } from "./ErrorMessage";

interface TeamTableProps {
  operationId: string;
  team: TeamMember[];
  canManage: boolean;
}

export function TeamTable({ operationId, team, canManage }: TeamTableProps) {
  const removeMember = useRemoveMember(operationId);
  // Removal asks once more inline (no browser dialog): the row shows Confirm and Cancel.
  const [confirmingUserId, setConfirmingUserId] = useState<string | null>(null);

  function handleConfirmRemove(userId: string) {
    removeMember.mutate(userId, { onSettled: () => setConfirmingUserId(null) });
  }

  if (team.length === 0) {
    return <p className="muted">Nobody is on the team yet.</p>;
  }

  return (
    <>
      <ErrorMessage error={removeMember.error} />
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Team members and their roles</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {team.map((member) => (
              <tr key={member.userId}>
                <th scope="row">
                  {member.displayName}
                  <span className="cell-secondary">{member.username}</span>
                </th>
                <td>{formatRole(member.role)}</td>
                {canManage ? (
                  <td className="cell-actions">
                    {confirmingUserId === member.userId ? (
                      <span className="inline-confirm">
                        <span>Remove {member.displayName}?</span>
                        <button
                          type="button"
                          className="button button-danger"
                          onClick={() => handleConfirmRemove(member.userId)}
                          disabled={removeMember.isPending}
                          autoFocus
                        >
                          Confirm removal
                        </button>
                        <button
                          type="button"
                          className="button"
                          onClick={() => setConfirmingUserId(null)}
                        >
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button"
                        onClick={() => setConfirmingUserId(member.userId)}
                      >
                        Remove<span className="visually-hidden"> {member.displayName}</span>
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
