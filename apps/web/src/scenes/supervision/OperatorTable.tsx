import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { grantExposureOverride, setExposureBudget, type Dashboard } from "../../api/supervision";
import { ErrorMessage } from "../../components/ErrorMessage";
import { formatRole } from "../../format";
import type { Role } from "../../api/schemas";

type Operator = Dashboard["operators"][number];

const levelWords: Record<Operator["exposure"]["level"], string> = {
  unbudgeted: "no budget set",
  ok: "within budget",
  warning: "80 % reached",
  exceeded: "budget reached",
};

/** Workload and exposure per person; supervisors set budgets and grant overrides here (S8). */
export function OperatorTable({
  operationId,
  operators,
  canManage,
  meId,
}: {
  operationId: string;
  operators: Operator[];
  canManage: boolean;
  meId: string;
}) {
  if (operators.length === 0) {
    return <p className="empty-state">No operators or supervisors on the team yet.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table operator-table">
        <caption className="visually-hidden">Workload and exposure per operator, today</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Conversations (open)</th>
            <th scope="col">Messages today</th>
            <th scope="col">Time on task today</th>
            <th scope="col">Reveals today</th>
            {canManage ? <th scope="col">Budget and override</th> : null}
          </tr>
        </thead>
        <tbody>
          {operators.map((person) => (
            <tr key={person.userId}>
              <th scope="row">
                {person.displayName}
                <span className="muted">
                  {" "}
                  ({person.username}, {formatRole(person.role as Role)})
                </span>
              </th>
              <td>
                {person.conversations} ({person.openConversations})
              </td>
              <td>{person.messagesToday}</td>
              <td>{formatMinutes(person.minutesOnTaskToday)}</td>
              <td>
                {person.exposure.used}
                {person.exposure.budget !== null
                  ? ` of ${person.exposure.allowance ?? person.exposure.budget}`
                  : ""}{" "}
                <span className={`exposure-level exposure-${person.exposure.level}`}>
                  ({levelWords[person.exposure.level]})
                </span>
              </td>
              {canManage ? (
                <td>
                  <ExposureControls
                    operationId={operationId}
                    person={person}
                    isMe={person.userId === meId}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function ExposureControls({
  operationId,
  person,
  isMe,
}: {
  operationId: string;
  person: Operator;
  isMe: boolean;
}) {
  const queryClient = useQueryClient();
  const [budget, setBudget] = useState(String(person.exposure.budget ?? 20));
  const [extra, setExtra] = useState("5");
  const [reason, setReason] = useState("");
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: ["dashboard", operationId] });
  const saveBudget = useMutation({
    mutationFn: () => setExposureBudget(operationId, person.userId, Number(budget)),
    onSuccess: refresh,
  });
  const grant = useMutation({
    mutationFn: () =>
      grantExposureOverride(operationId, {
        userId: person.userId,
        extraReveals: Number(extra),
        reason,
      }),
    onSuccess: () => {
      setReason("");
      refresh();
    },
  });
  const id = person.userId;
  const budgetError = fieldErrorOf(saveBudget.error, "dailyReveals");
  const extraError = fieldErrorOf(grant.error, "extraReveals");
  const reasonError = fieldErrorOf(grant.error, "reason");
  return (
    <div className="exposure-controls">
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          saveBudget.mutate();
        }}
      >
        <label htmlFor={`budget-${id}`}>Daily reveals</label>
        <input
          id={`budget-${id}`}
          type="number"
          min={1}
          inputMode="numeric"
          value={budget}
          aria-invalid={budgetError ? true : undefined}
          aria-describedby={budgetError ? `budget-error-${id}` : undefined}
          onChange={(event) => setBudget(event.target.value)}
        />
        <button type="submit" className="button" disabled={saveBudget.isPending}>
          Set budget<span className="visually-hidden"> for {person.displayName}</span>
        </button>
        {budgetError ? (
          <p id={`budget-error-${id}`} className="field-error">
            {budgetError}
          </p>
        ) : null}
        {saveBudget.isError && !budgetError ? <ErrorMessage error={saveBudget.error} /> : null}
        {saveBudget.isSuccess ? <span role="status">Saved.</span> : null}
      </form>
      {isMe ? (
        <p className="muted">Another supervisor grants your overrides.</p>
      ) : (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            grant.mutate();
          }}
        >
          <label htmlFor={`extra-${id}`}>Extra today</label>
          <input
            id={`extra-${id}`}
            type="number"
            min={1}
            inputMode="numeric"
            value={extra}
            aria-invalid={extraError ? true : undefined}
            onChange={(event) => setExtra(event.target.value)}
          />
          <label htmlFor={`reason-${id}`}>Reason</label>
          <input
            id={`reason-${id}`}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `reason-error-${id}` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button" disabled={grant.isPending}>
            Grant override<span className="visually-hidden"> to {person.displayName}</span>
          </button>
          {extraError ? <p className="field-error">{extraError}</p> : null}
          {reasonError ? (
            <p id={`reason-error-${id}`} className="field-error">
              {reasonError}
            </p>
          ) : null}
          {grant.isError && !extraError && !reasonError ? (
            <ErrorMessage error={grant.error} />
          ) : null}
        </form>
      )}
    </div>
  );
}
