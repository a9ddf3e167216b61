import { useRef, useState } from "react";
import type { TeamMember } from "../api/schemas";
import { formatRole } from "../format";
import { useRemoveMember } from "../hooks/useOperations";
import { ErrorMessage } from "./ErrorMessage";
import { StatusMessage } from "./StatusMessage";

interface TeamTableProps {
  operationId: string;
  team: TeamMember[];
  canManage: boolean;
}

export function TeamTable({ operationId, team, canManage }: TeamTableProps) {
  const removeMember = useRemoveMember(operationId);
  // Removal asks once more inline (no browser dialog): the row shows Confirm and Cancel.
  const [confirmingUserId, setConfirmingUserId] = useState<string | null>(null);
  // Keyboard focus must not fall back to the top of the page when the focused control vanishes:
  // Cancel returns it to that row's Remove button, a removal to the table.
  const [cancelledUserId, setCancelledUserId] = useState<string | null>(null);
  const [removedName, setRemovedName] = useState<string | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  function handleAskToRemove(userId: string) {
    setCancelledUserId(null);
    setConfirmingUserId(userId);
  }

  function handleCancelRemove(userId: string) {
    setConfirmingUserId(null);
    setCancelledUserId(userId);
  }

  function handleConfirmRemove(member: TeamMember) {
    removeMember.mutate(member.userId, {
      onSuccess: () => {
        setRemovedName(member.displayName);
        tableRef.current?.focus();
      },
      onSettled: () => setConfirmingUserId(null),
    });
  }

  if (team.length === 0) {
    return <p className="muted">Nobody is on the team yet.</p>;
  }

  return (
    <>
      <ErrorMessage error={removeMember.error} />
      {removedName !== null && removeMember.isSuccess ? (
        <StatusMessage>{`${removedName} was removed from the team.`}</StatusMessage>
      ) : null}
      <div className="table-scroll" ref={tableRef} tabIndex={-1}>
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
                          onClick={() => handleConfirmRemove(member)}
                          disabled={removeMember.isPending}
                          autoFocus
                        >
                          Confirm removal
                        </button>
                        <button
                          type="button"
                          className="button"
                          onClick={() => handleCancelRemove(member.userId)}
                        >
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button"
                        onClick={() => handleAskToRemove(member.userId)}
                        autoFocus={cancelledUserId === member.userId}
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
