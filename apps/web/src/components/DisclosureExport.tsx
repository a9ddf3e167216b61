import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  disclosurePackageUrl,
  fetchDisclosures,
  startDisclosure,
  type Disclosure,
} from "../api/disclosures";
import { formatDateTime } from "../format";
import { ErrorMessage } from "./ErrorMessage";

interface DisclosureExportProps {
  operationId: string;
  scope: "conversation" | "subject";
  targetId: string;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * "Export for disclosure": builds the full, unredacted record of this conversation or subject,
 * with its proofs and verifier, for the defence. The build runs on the server; this shows its
 * progress and, once built, the download.
 */
export function DisclosureExport({ operationId, scope, targetId }: DisclosureExportProps) {
  const queryClient = useQueryClient();
  const key = ["disclosures", operationId, targetId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => fetchDisclosures(operationId, targetId),
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === "building") ? 1000 : false,
  });
  const start = useMutation({
    mutationFn: () => startDisclosure(operationId, scope, targetId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const latest = list.data?.[0];
  const building = latest?.status === "building";
  const what = scope === "subject" ? "every conversation of this subject" : "this conversation";
  return (
    <section className="section disclosure-export" aria-labelledby="disclosure-heading">
      <h2 id="disclosure-heading">Disclosure to the defence</h2>
      <p className="field-hint">
        Builds one package with the full, unredacted record of {what}: every message, every operator
        move and who made it, failed deliveries, reviews, captures and reveals, with the proofs and
        the verifier page. Every export and every download is recorded.
      </p>
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {start.isError ? <ErrorMessage error={start.error} /> : null}
      <button
        type="button"
        className="button"
        disabled={start.isPending || building}
        onClick={() => start.mutate()}
      >
        {building ? "Building the package…" : "Export for disclosure"}
      </button>
      {latest ? <LatestExport operationId={operationId} disclosure={latest} /> : null}
      {list.data && list.data.length > 1 ? (
        <details className="disclosure-earlier">
          <summary>Earlier exports ({list.data.length - 1})</summary>
          <ul className="plain-list">
            {list.data.slice(1).map((d) => (
              <li key={d.id}>
                {formatDateTime(d.createdAt)} by {d.requestedBy}:{" "}
                {d.package ? (
                  <a href={disclosurePackageUrl(operationId, d.id)} download={d.package.fileName}>
                    download
                  </a>
                ) : (
                  (d.failure ?? "not finished")
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function LatestExport({
  operationId,
  disclosure,
}: {
  operationId: string;
  disclosure: Disclosure;
}) {
  if (disclosure.status === "building") {
    const total = Math.max(1, disclosure.conversationsTotal);
    return (
      <div role="status" className="disclosure-progress">
        <label htmlFor="disclosure-progress-bar">
          Building the package: {disclosure.conversationsDone} of {disclosure.conversationsTotal}{" "}
          conversation{disclosure.conversationsTotal === 1 ? "" : "s"} written. You can leave this
          page; the build goes on.
        </label>
        <progress id="disclosure-progress-bar" value={disclosure.conversationsDone} max={total} />
      </div>
    );
  }
  if (disclosure.status === "failed") {
    return (
      <p role="alert" className="message message-error">
        The export started {formatDateTime(disclosure.createdAt)} failed:{" "}
        {disclosure.failure ?? "no reason was recorded."}
      </p>
    );
  }
  const pkg = disclosure.package!;
  return (
    <div role="status" className="message message-status disclosure-ready">
      <p>
        Package ready (built {formatDateTime(disclosure.updatedAt)} by {disclosure.requestedBy}
        ).{" "}
        <a
          className="button button-primary"
          href={disclosurePackageUrl(operationId, disclosure.id)}
          download={pkg.fileName}
        >
          Download the package ({sizeText(pkg.sizeBytes)})
        </a>
      </p>
      <p className="muted">
        SHA-256 <code>{pkg.sha256}</code>, proved against the signed log head of {pkg.headSize}{" "}
        entries. The receiver checks it offline with verify.html inside the package.
      </p>
    </div>
  );
}
