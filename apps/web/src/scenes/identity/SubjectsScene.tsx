import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { fetchSubjects, type SubjectFilter } from "../../api/identity";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { countryName } from "./identityFormat";

/** The operation's subjects, what needs work first, filtered by country and status. */
export function SubjectsScene({ me, operationId }: { me: Me; operationId: string }) {
  const access = useRoleAccess(me, operationId);
  const [filter, setFilter] = useState<SubjectFilter>({
    country: "",
    status: "",
    needsSignOff: false,
  });
  const subjects = useQuery({
    queryKey: ["subjects", operationId, filter],
    queryFn: () => fetchSubjects(operationId, filter),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Subjects" />
      <p className="muted">
        Each confirmed conversation creates or joins a subject. A subject is established when a
        claim rests on two independent sources, a reviewer signed it off, and a country is
        confirmed.
      </p>
      {access?.signOffClaims ? (
        <p className="action-links">
          <Link href={`/operations/${operationId}/claims/awaiting-sign-off`} className="button">
            Claims awaiting sign-off
          </Link>
        </p>
      ) : null}
      <form
        className="filter-bar"
        aria-label="Filter subjects"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="subject-country">Country code</label>
          <input
            id="subject-country"
            value={filter.country}
            maxLength={2}
            placeholder="e.g. DE"
            onChange={(e) => setFilter({ ...filter, country: e.target.value.toUpperCase() })}
          />
        </div>
        <div className="field">
          <label htmlFor="subject-status">Status</label>
          <select
            id="subject-status"
            value={filter.status}
            onChange={(e) =>
              setFilter({ ...filter, status: e.target.value as SubjectFilter["status"] })
            }
          >
            <option value="">Any</option>
            <option value="open">Not yet established</option>
            <option value="established">Established</option>
          </select>
        </div>
        <div className="field field-checkbox">
          <input
            id="subject-signoff"
            type="checkbox"
            checked={filter.needsSignOff}
            onChange={(e) => setFilter({ ...filter, needsSignOff: e.target.checked })}
          />
          <label htmlFor="subject-signoff">Only with claims awaiting sign-off</label>
        </div>
      </form>
      {subjects.isPending ? <p className="muted">Loading…</p> : null}
      {subjects.isError ? <ErrorMessage error={subjects.error} /> : null}
      {subjects.data && subjects.data.subjects.length === 0 ? (
        <p className="empty-state">
          No subjects match. Subjects appear when a conversation is confirmed.
        </p>
      ) : null}
      {subjects.data && subjects.data.subjects.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Subjects, what needs work first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Country</th>
                <th scope="col">Claims</th>
                <th scope="col">Identifiers</th>
                <th scope="col">Findings</th>
                <th scope="col">Conversations</th>
              </tr>
            </thead>
            <tbody>
              {subjects.data.subjects.map((subject) => (
                <tr key={subject.id}>
                  <td>
                    <Link href={`/operations/${operationId}/subjects/${subject.id}`}>
                      {subject.label}
                    </Link>
                    {subject.mergedSubjects > 0 ? (
                      <span className="muted"> (with {subject.mergedSubjects} merged)</span>
                    ) : null}
                  </td>
                  <td>
                    {subject.status.established ? (
                      <Badge tone="active">Established</Badge>
                    ) : (
                      <Badge>{subject.awaitingSignOff > 0 ? "Awaiting sign-off" : "Open"}</Badge>
                    )}
                  </td>
                  <td>{countryName(subject.country)}</td>
                  <td>
                    {subject.establishedClaims} of {subject.claims} established
                  </td>
                  <td>{subject.identifiers}</td>
                  <td>{subject.findings}</td>
                  <td>{subject.conversations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
