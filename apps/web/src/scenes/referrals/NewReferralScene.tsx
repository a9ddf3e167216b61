import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation } from "wouter";
import { EMPTY_SUBJECT_FILTER, fetchSubjects } from "../../api/identity";
import { draftReferral, type ReferralSelection } from "../../api/referrals";
import type { Me } from "../../api/schemas";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { SelectField } from "../../components/SelectField";
import { count, countryLabel } from "./referralFormat";
import { SubjectPicker } from "./SubjectPicker";

/** Starts a referral: a country, the subjects attributed to it, the agency; saved as a draft. */
export function NewReferralScene({ me, operationId }: { me: Me; operationId: string }) {
  const access = useRoleAccess(me, operationId);
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [country, setCountry] = useState("");
  const subjects = useQuery({
    queryKey: ["subjects", operationId, { country: "", status: "", needsSignOff: false }],
    queryFn: () => fetchSubjects(operationId, EMPTY_SUBJECT_FILTER),
  });
  const draft = useMutation({
    mutationFn: (selection: ReferralSelection) =>
      draftReferral(operationId, { country, ...selection }),
    onSuccess: async ({ referral }) => {
      await queryClient.invalidateQueries({ queryKey: ["referrals", operationId] });
      navigate(`/operations/${operationId}/referrals/${referral.id}`);
    },
  });

  // The countries the operation's subjects are attributed to, with how many each.
  const perCountry = new Map<string, number>();
  for (const subject of subjects.data?.subjects ?? []) {
    if (subject.country)
      perCountry.set(subject.country, (perCountry.get(subject.country) ?? 0) + 1);
  }
  const countries = [...perCountry.entries()]
    .map(([code, n]) => ({ code, n, label: countryLabel(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));

  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <p className="back-link">
        <Link href={`/operations/${operationId}/referrals`}>
          <span aria-hidden="true">← </span>Referrals
        </Link>
      </p>
      <PageTitle title="New referral" />
      {access && !access.buildReferrals ? (
        <p>Only analysts and supervisors of this operation build referrals.</p>
      ) : (
        <>
          <p className="muted">
            Choose a country, then the subjects that go in. The draft can be changed until it is
            released; the preview shows what the package will cite.
          </p>
          {subjects.isPending ? <p className="muted">Loading the subjects…</p> : null}
          <ErrorMessage error={subjects.error} />
          {subjects.data && countries.length === 0 ? (
            <p className="empty-state">
              No subject has a confirmed country yet. Confirm a subject&apos;s country on its page,
              then come back.
            </p>
          ) : null}
          {countries.length > 0 ? (
            <section className="section referral-builder" aria-labelledby="country-heading">
              <h2 id="country-heading">Country</h2>
              <SelectField
                label="Country of the subjects"
                hint="Only countries that subjects of this operation are attributed to."
                value={country}
                onValueChange={(value) => {
                  draft.reset();
                  setCountry(value);
                }}
              >
                <option value="">Choose a country</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.label}: {count(c.n, "subject")}
                  </option>
                ))}
              </SelectField>
            </section>
          ) : null}
          {country ? (
            <section className="section" aria-labelledby="subjects-heading">
              <h2 id="subjects-heading">Subjects and agency</h2>
              <SubjectPicker
                key={country}
                operationId={operationId}
                country={country}
                submitLabel="Save the draft"
                pending={draft.isPending}
                error={draft.error}
                onSubmit={(selection) => draft.mutate(selection)}
              />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
