import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { EMPTY_SUBJECT_FILTER, fetchSubjects, type SubjectFilter } from "../../api/identity";
import type { Me } from "../../api/schemas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { SubjectFilterForm, SubjectTable } from "./SubjectList";

/** The operation's subjects, what needs work first, filtered by country, status and confidence. */
export function SubjectsScene({ me, operationId }: { me: Me; operationId: string }) {
  const access = useRoleAccess(me, operationId);
  const [filter, setFilter] = useState<SubjectFilter>(EMPTY_SUBJECT_FILTER);
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
      <p className="action-links">
        {access?.signOffClaims ? (
          <Link href={`/operations/${operationId}/claims/awaiting-sign-off`} className="button">
            Claims awaiting sign-off
          </Link>
        ) : null}{" "}
        <Link href="/subjects">Subjects across all your operations</Link>
      </p>
      <SubjectFilterForm filter={filter} onChange={setFilter} />
      {subjects.isPending ? <p className="muted">Loading…</p> : null}
      {subjects.isError ? <ErrorMessage error={subjects.error} /> : null}
      {subjects.data && subjects.data.subjects.length === 0 ? (
        <p className="empty-state">
          No subjects match. Subjects appear when a conversation is confirmed.
        </p>
      ) : null}
      {subjects.data && subjects.data.subjects.length > 0 ? (
        <SubjectTable
          subjects={subjects.data.subjects.map((s) => ({ ...s, operationId }))}
          withOperation={false}
        />
      ) : null}
    </>
  );
}
