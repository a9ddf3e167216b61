import {
  IDENTITY_CONFIDENCE,
  IDENTITY_CONFIDENCE_WORDS,
} from "@sweetie/core/identity/identityConfidence";
import { Link } from "wouter";
import type { SubjectFilter, SubjectSummary } from "../../api/identity";
import { Badge } from "../../components/Badge";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { countryName } from "./identityFormat";

// What the subject list of one operation and the list across operations share: the filters and
// the table, what needs work first.

/** The filters; `operations` adds a choice of operation (the list across operations). */
export function SubjectFilterForm({
  filter,
  onChange,
  operations,
}: {
  filter: SubjectFilter;
  onChange: (filter: SubjectFilter) => void;
  operations?: readonly { id: string; name: string }[];
}) {
  return (
    <form className="filter-bar" aria-label="Filter subjects" onSubmit={(e) => e.preventDefault()}>
      {operations ? (
        <SelectField
          label="Operation"
          value={filter.operationId}
          onValueChange={(operationId) => onChange({ ...filter, operationId })}
        >
          <option value="">All your operations</option>
          {operations.map((operation) => (
            <option key={operation.id} value={operation.id}>
              {operation.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label="Country code"
        value={filter.country}
        maxLength={2}
        placeholder="e.g. DE"
        className="input-country"
        onValueChange={(country) => onChange({ ...filter, country: country.toUpperCase() })}
      />
      <SelectField
        label="Status"
        value={filter.status}
        onValueChange={(status) =>
          onChange({ ...filter, status: status as SubjectFilter["status"] })
        }
      >
        <option value="">Any</option>
        <option value="open">Not yet established</option>
        <option value="established">Established</option>
      </SelectField>
      <SelectField
        label="Confidence"
        value={filter.confidence}
        onValueChange={(confidence) =>
          onChange({ ...filter, confidence: confidence as SubjectFilter["confidence"] })
        }
      >
        <option value="">Any</option>
        {IDENTITY_CONFIDENCE.map((level) => (
          <option key={level} value={level}>
            {IDENTITY_CONFIDENCE_WORDS[level]}
          </option>
        ))}
      </SelectField>
      <div className="field field-checkbox">
        <input
          id="subject-signoff"
          type="checkbox"
          checked={filter.needsSignOff}
          onChange={(e) => onChange({ ...filter, needsSignOff: e.target.checked })}
        />
        <label htmlFor="subject-signoff">Only with claims awaiting sign-off</label>
      </div>
      <details className="filter-help">
        <summary>What the confidence levels mean</summary>
        <dl>
          <dt>Established</dt>
          <dd>
            A claim rests on two independent sources, a reviewer signed it off, and the country is
            confirmed.
          </dd>
          <dt>Corroborated</dt>
          <dd>
            At least one claim is established; the identity is not yet (for example, no confirmed
            country).
          </dd>
          <dt>Claimed</dt>
          <dd>
            Claims are recorded, none is established yet: they need a second source or a sign-off.
          </dd>
          <dt>Clues only</dt>
          <dd>Identifiers from the chat or findings, but no claim has been proposed.</dd>
        </dl>
      </details>
    </form>
  );
}

/** The subjects as a table; `withOperation`: each row says its operation. */
export function SubjectTable({
  subjects,
  withOperation,
}: {
  subjects: readonly (SubjectSummary & { operationId: string; operationName?: string })[];
  withOperation: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Subjects, what needs work first</caption>
        <thead>
          <tr>
            <th scope="col">Subject</th>
            {withOperation ? <th scope="col">Operation</th> : null}
            <th scope="col">Status</th>
            <th scope="col">Confidence</th>
            <th scope="col">Country</th>
            <th scope="col">Claims</th>
            <th scope="col">Identifiers</th>
            <th scope="col">Findings</th>
            <th scope="col">Conversations</th>
          </tr>
        </thead>
        <tbody>
          {subjects.map((subject) => (
            <tr key={subject.id}>
              <td>
                <Link href={`/operations/${subject.operationId}/subjects/${subject.id}`}>
                  {subject.label}
                </Link>
                {subject.mergedSubjects > 0 ? (
                  <span className="muted"> (with {subject.mergedSubjects} merged)</span>
                ) : null}
              </td>
              {withOperation ? <td>{subject.operationName}</td> : null}
              <td>
                {subject.status.established ? (
                  <Badge tone="active">Established</Badge>
                ) : (
                  <Badge>{subject.awaitingSignOff > 0 ? "Awaiting sign-off" : "Open"}</Badge>
                )}
              </td>
              <td>{IDENTITY_CONFIDENCE_WORDS[subject.identityConfidence]}</td>
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
  );
}
