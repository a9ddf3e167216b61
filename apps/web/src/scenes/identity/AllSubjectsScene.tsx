import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { EMPTY_SUBJECT_FILTER, fetchSubjectsAcross, type SubjectFilter } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { SubjectFilterForm, SubjectTable } from "./SubjectList";

/** The subjects of every operation whose identification work the person takes part in. */
export function AllSubjectsScene() {
  const [filter, setFilter] = useState<SubjectFilter>(EMPTY_SUBJECT_FILTER);
  const subjects = useQuery({
    queryKey: ["subjects-across", filter],
    queryFn: () => fetchSubjectsAcross(filter),
  });
  const operations = subjects.data?.operations;
  return (
    <>
      <PageTitle title="Subjects across your operations" />
      <p className="muted">
        The subjects of every operation in which you work on identification (as a supervisor,
        analyst or legal reviewer), what needs work first. Operations you are not on are never
        shown.
      </p>
      {operations && operations.length === 0 ? (
        <p className="empty-state">
          You do not work on identification in any operation. A supervisor or an administrator can
          add you to an operation&apos;s team as an analyst.
        </p>
      ) : (
        <SubjectFilterForm filter={filter} onChange={setFilter} operations={operations ?? []} />
      )}
      {subjects.isPending ? <p className="muted">Loading…</p> : null}
      {subjects.isError ? <ErrorMessage error={subjects.error} /> : null}
      {subjects.data && operations!.length > 0 && subjects.data.subjects.length === 0 ? (
        <p className="empty-state">No subjects match.</p>
      ) : null}
      {subjects.data && subjects.data.subjects.length > 0 ? (
        <SubjectTable subjects={subjects.data.subjects} withOperation />
      ) : null}
    </>
  );
}
