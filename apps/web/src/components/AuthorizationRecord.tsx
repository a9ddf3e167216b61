import type { ReactNode } from "react";
import type { Operation } from "../api/schemas";
import { formatDateTime, formatMode } from "../format";

interface AuthorizationRecordProps {
  operation: Operation;
}

/** The legal basis of the operation, laid out as a record a reviewer can read line by line. */
export function AuthorizationRecord({ operation }: AuthorizationRecordProps) {
  const { authorization } = operation;
  return (
    <dl className="record">
      <RecordRow term="Issuing authority">{authorization.issuingAuthority}</RecordRow>
      <RecordRow term="Reference">{authorization.reference}</RecordRow>
      <RecordRow term="Partner unit">{authorization.partnerUnit}</RecordRow>
      <RecordRow term="Mode">{formatMode(operation.mode)}</RecordRow>
      <RecordRow term="Permitted venues">
        {authorization.permittedVenues.length === 0 ? (
          "None"
        ) : (
          <ul className="plain-list">
            {authorization.permittedVenues.map((venue) => (
              <li key={venue}>{venue}</li>
            ))}
          </ul>
        )}
      </RecordRow>
      <RecordRow term="Persona age">{`${authorization.personaAge} years`}</RecordRow>
      <RecordRow term="Window starts">{formatDateTime(authorization.startsAt)}</RecordRow>
      <RecordRow term="Window ends">{formatDateTime(authorization.endsAt)}</RecordRow>
      <RecordRow term="Retention">
        {`${operation.retentionDays} days for conversations that do not meet the criteria`}
      </RecordRow>
      <RecordRow term="Second factor">
        {operation.requireTotp
          ? "Required: every team member must use two-factor sign-in"
          : "Not required"}
      </RecordRow>
    </dl>
  );
}

function RecordRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="record-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
