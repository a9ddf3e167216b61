import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fieldErrorOf } from "../../api/apiError";
import type { Me } from "../../api/schemas";
import {
  auditExportUrl,
  emptyAuditFilter,
  fetchAuditPage,
  type AuditEntry,
  type AuditFilter,
} from "../../api/supervision";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { TextField } from "../../components/TextField";
import { auditDetailLines } from "../../auditDetails";
import { formatDateTime } from "../../format";

const FIELDS: { key: keyof AuditFilter; label: string; hint?: string; type?: string }[] = [
  { key: "actor", label: "Person (username)" },
  { key: "action", label: "Action", hint: "An action or its start, such as conversation." },
  { key: "targetType", label: "Target type", hint: "Such as conversation, message, user" },
  { key: "targetId", label: "Target id" },
  { key: "from", label: "From", type: "datetime-local" },
  { key: "to", label: "Until", type: "datetime-local" },
];

/**
 * The audit viewer: who did what and when, filtered and paged, exported as CSV. Every page read
 * and every export is itself written to the audit log (S4).
 */
export function AuditScene({ me, operationId }: { me: Me; operationId: string }) {
  const [draft, setDraft] = useState<AuditFilter>(emptyAuditFilter);
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  // Older pages are reached through cursors; the stack lets "Newer" go back.
  const [cursors, setCursors] = useState<number[]>([]);
  const before = cursors[cursors.length - 1];
  const page = useQuery({
    queryKey: ["audit", operationId, filter, before],
    queryFn: () => fetchAuditPage(operationId, filter, before),
    retry: false,
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilter(draft);
  };
  const handleClear = () => {
    setDraft(emptyAuditFilter);
    setFilter(emptyAuditFilter);
    setCursors([]);
  };
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Audit log" />
      <p className="muted">
        Every action and every read of evidence, newest first. Reading this log is recorded in it
        too.
      </p>
      <form
        className="audit-filters"
        onSubmit={handleSubmit}
        noValidate
        aria-label="Filter the audit log"
      >
        {FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            {...(field.hint ? { hint: field.hint } : {})}
            type={field.type ?? "text"}
            value={draft[field.key]}
            onValueChange={(value) => setDraft({ ...draft, [field.key]: value })}
            fieldError={fieldErrorOf(page.error, field.key)}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Show
          </button>
          <button type="button" className="button" onClick={handleClear}>
            Clear filters
          </button>
          <a className="button" href={auditExportUrl(operationId, filter)} download>
            Export as CSV
          </a>
        </div>
      </form>
      {page.isError ? <ErrorMessage error={page.error} /> : null}
      {page.isPending ? <p className="muted">Loading…</p> : null}
      {page.data ? <AuditTable entries={page.data.entries} /> : null}
      <div className="form-actions">
        {cursors.length > 0 ? (
          <button type="button" className="button" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer entries
          </button>
        ) : null}
        {page.data?.nextBefore ? (
          <button
            type="button"
            className="button"
            onClick={() => setCursors([...cursors, page.data.nextBefore!])}
          >
            Older entries
          </button>
        ) : null}
      </div>
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) {
    return <p className="empty-state">No audit entries match these filters.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table audit-table">
        <caption className="visually-hidden">Audit entries</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Person</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{entry.actor ?? <span className="muted">system</span>}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                {entry.targetType ? (
                  <>
                    {entry.targetType} <code className="audit-id">{entry.targetId}</code>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="audit-details">
                <dl className="audit-detail-list">
                  {auditDetailLines(entry.details).map((line) => (
                    <div key={line.label}>
                      <dt>{line.label}</dt>
                      <dd>{line.value}</dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
