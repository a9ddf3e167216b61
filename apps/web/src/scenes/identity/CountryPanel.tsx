import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrorOf } from "../../api/apiError";
import { confirmCountry, type SubjectDetail } from "../../api/identity";
import { ErrorMessage } from "../../components/ErrorMessage";
import { countryName, SIGNAL_LABELS } from "./identityFormat";

/** The country clues with their reasons (conflicts shown side by side) and the confirmation. */
export function CountryPanel({
  operationId,
  detail,
  canRecord,
}: {
  operationId: string;
  detail: SubjectDetail;
  canRecord: boolean;
}) {
  const queryClient = useQueryClient();
  const { country } = detail;
  const [choice, setChoice] = useState(country.candidates[0]?.country ?? "");
  const [note, setNote] = useState("");
  const confirm = useMutation({
    mutationFn: () => confirmCountry(operationId, detail.subject.id, choice, note),
    onSuccess: async () => {
      await queryClient.invalidateQueries({
        queryKey: ["subject", operationId, detail.subject.id],
      });
    },
  });
  return (
    <section className="section" aria-labelledby="country-heading">
      <h2 id="country-heading">Country</h2>
      <p>
        Confirmed: <strong>{countryName(detail.subject.country)}</strong>
      </p>
      {country.candidates.length === 0 ? (
        <p className="muted">No clue points to a country yet.</p>
      ) : null}
      {country.conflict ? (
        <p className="console-notice" role="note">
          The clues point to more than one country. Weigh them before you confirm.
        </p>
      ) : null}
      <ul className="plain-list country-candidates">
        {country.candidates.map((candidate) => (
          <li key={candidate.country} className="country-candidate">
            <h3>
              {countryName(candidate.country)}{" "}
              <span className="muted">weight {candidate.score}</span>
            </h3>
            <ul>
              {candidate.signals.map((signal, index) => (
                <li key={index}>
                  <strong>{SIGNAL_LABELS[signal.type]}:</strong> {signal.reason}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="muted">
        IP clues come from an offline database dated {country.ipDatabaseDate}.
      </p>
      {canRecord ? (
        <form
          className="form-inline"
          onSubmit={(event) => {
            event.preventDefault();
            confirm.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="country-choice">Country code</label>
            <input
              id="country-choice"
              value={choice}
              maxLength={2}
              onChange={(e) => setChoice(e.target.value.toUpperCase())}
              aria-invalid={fieldErrorOf(confirm.error, "country") ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="country-note">Why</label>
            <input id="country-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            Confirm the country
          </button>
        </form>
      ) : null}
      {confirm.isError ? <ErrorMessage error={confirm.error} /> : null}
    </section>
  );
}
