import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  fetchUsers,
  resetUserPassword,
  setSecondFactorRequired,
  setUserActive,
  type AdminUser,
} from "../../api/administration";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { CreateUserForm } from "./CreateUserForm";
import { OneTimePasswordNotice } from "./OneTimePasswordNotice";

/** Accounts, for system administrators: create, deactivate, reset, require a second factor. */
export function PeopleScene({ me }: { me: Me }) {
  const users = useQuery({ queryKey: ["users"], queryFn: fetchUsers, enabled: me.isAdmin });
  if (!me.isAdmin) {
    return (
      <>
        <PageTitle title="People" />
        <p>Only system administrators manage accounts.</p>
      </>
    );
  }
  return (
    <>
      <PageTitle title="People" />
      <p className="muted">
        Everyone who can sign in. Add people to an operation&apos;s team from the operation&apos;s
        page; every change here is recorded in the audit log.
      </p>
      <CreateUserForm />
      <section aria-labelledby="accounts-heading" className="section">
        <h2 id="accounts-heading">Accounts</h2>
        {users.isPending ? <p className="muted">Loading accounts…</p> : null}
        <ErrorMessage error={users.error} />
        {users.data ? <UsersTable users={users.data} me={me} /> : null}
      </section>
    </>
  );
}

function UsersTable({ users, me }: { users: AdminUser[]; me: Me }) {
  const queryClient = useQueryClient();
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["users"] });
  const active = useMutation({
    mutationFn: (input: { id: string; active: boolean }) => setUserActive(input.id, input.active),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: (id: string) => resetUserPassword(id),
    onSuccess: (answer) => {
      setIssued({ username: answer.user.username, password: answer.oneTimePassword });
      refresh();
    },
  });
  const secondFactor = useMutation({
    mutationFn: (input: { id: string; required: boolean }) =>
      setSecondFactorRequired(input.id, input.required),
    onSuccess: refresh,
  });
  return (
    <>
      <ErrorMessage error={active.error ?? reset.error ?? secondFactor.error} />
      {issued ? (
        <OneTimePasswordNotice
          username={issued.username}
          password={issued.password}
          onDone={() => setIssued(null)}
        />
      ) : null}
      <div className="table-scroll">
        <table className="table table-stacking">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Status</th>
              <th scope="col">Two-factor sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === me.id;
              return (
                <tr key={user.id}>
                  <th scope="row" className="cell-name">
                    {user.displayName} <span className="muted">({user.username})</span>
                    {user.isAdmin ? (
                      <>
                        {" "}
                        <Badge>System administrator</Badge>
                      </>
                    ) : null}
                  </th>
                  <td data-label="Status">
                    {user.disabled
                      ? "Deactivated"
                      : user.mustChangePassword
                        ? "Active: has a one-time password"
                        : "Active"}
                  </td>
                  <td data-label="Two-factor sign-in">
                    {user.totpEnabled ? "On" : user.totpRequired ? "Required, not set up" : "Off"}
                    {user.totpEnabled && user.totpRequired ? " (required)" : ""}
                  </td>
                  <td data-label="Actions">
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`${user.totpRequired ? "Stop requiring" : "Require"} two-factor sign-in for ${user.username}`}
                        onClick={() =>
                          secondFactor.mutate({ id: user.id, required: !user.totpRequired })
                        }
                      >
                        {user.totpRequired ? "Stop requiring two-factor" : "Require two-factor"}
                      </button>
                      {self ? null : (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`Reset password of ${user.username}`}
                            onClick={() => reset.mutate(user.id)}
                          >
                            Reset password
                          </button>
                          <button
                            type="button"
                            className={`button button-small${user.disabled ? "" : " button-danger"}`}
                            aria-label={`${user.disabled ? "Reactivate" : "Deactivate"} ${user.username}`}
                            onClick={() => active.mutate({ id: user.id, active: user.disabled })}
                          >
                            {user.disabled ? "Reactivate" : "Deactivate"}
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
