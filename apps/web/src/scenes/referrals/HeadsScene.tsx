import { useQuery } from "@tanstack/react-query";
import { fetchHeads, type SignedHeadView } from "../../api/referrals";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { CosignatureForm } from "./CosignatureForm";
import { count, countryLabel, shortHash } from "./referralFormat";

/**
 * The operation's signed tree heads, newest first, with the agencies that cosigned each: an
 * agency cosigns only a head consistent with the last one it saw, so cosignatures from several
 * countries show that all of them saw one history.
 */
export function HeadsScene({ me, operationId }: { me: Me; operationId: string }) {
  const access = useRoleAccess(me, operationId);
  const heads = useQuery({
    queryKey: ["heads", operationId],
    queryFn: () => fetchHeads(operationId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Signed heads" />
      <p className="muted">
        The evidence log is signed at intervals: each signed head fixes every entry up to its size.
        A receiving agency that verifies a package keeps the last head it saw and cosigns a new one
        only when the log grew from it without a change. Their cosignatures are recorded here.
      </p>
      {heads.isPending ? <p className="muted">Loading the signed heads…</p> : null}
      <ErrorMessage error={heads.error} />
      {heads.data && heads.data.heads.length === 0 ? (
        <p className="empty-state">
          No head is signed yet. One is signed when a package is released.
        </p>
      ) : null}
      {heads.data && heads.data.heads.length > 0 ? (
        <>
          <HeadsTable heads={heads.data.heads} />
          {access?.cosignHeads ? (
            <CosignatureForm
              operationId={operationId}
              heads={heads.data.heads}
              witnesses={heads.data.witnesses}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function HeadsTable({ heads }: { heads: SignedHeadView[] }) {
  return (
    <section className="section" aria-labelledby="heads-heading">
      <h2 id="heads-heading">Heads, newest first</h2>
      <p className="muted">{count(heads.length, "signed head")}.</p>
      <div className="table-scroll">
        <table className="table table-stacking heads-table">
          <caption className="visually-hidden">Signed heads, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Entries</th>
              <th scope="col">Signed</th>
              <th scope="col">Root hash</th>
              <th scope="col">Cosigned by</th>
            </tr>
          </thead>
          <tbody>
            {heads.map((head) => (
              <tr key={head.size}>
                <th scope="row">{head.size.toLocaleString("en-GB")}</th>
                <td data-label="Signed">{formatDateTime(head.time)}</td>
                <td data-label="Root hash">
                  <code title={head.root}>{shortHash(head.root)}</code>
                </td>
                <td data-label="Cosigned by">
                  {head.cosignatures.length === 0 ? (
                    <span className="muted">No agency yet</span>
                  ) : (
                    <ul className="plain-list cosignature-list">
                      {head.cosignatures.map((c) => (
                        <li key={c.id}>
                          <Badge tone="active">Cosigned</Badge> {c.agency.name},{" "}
                          {countryLabel(c.agency.country)}
                          <span className="cell-secondary">
                            As “{c.witnessName}” on {formatDateTime(c.cosignedAt)}; recorded by{" "}
                            {c.recordedBy}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
