import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchAgencies, type Agency } from "../../api/referrals";
import type { Me } from "../../api/schemas";
import { Badge } from "../../components/Badge";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageTitle } from "../../components/PageTitle";
import { StatusMessage } from "../../components/StatusMessage";
import { formatDateTime } from "../../format";
import { countryLabel, shortHash } from "../referrals/referralFormat";
import { AgencyForm } from "./AgencyForm";

/** The registry of receiving agencies (system administrators): the only places a package may go. */
export function AgenciesScene({ me }: { me: Me }) {
  const agencies = useQuery({
    queryKey: ["agencies"],
    queryFn: fetchAgencies,
    enabled: me.isAdmin,
  });
  const [editing, setEditing] = useState<Agency | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!me.isAdmin) {
    return (
      <>
        <PageTitle title="Agencies" />
        <p>Only system administrators manage the agency registry.</p>
      </>
    );
  }

  function handleDone(message: string | null) {
    setSaved(message);
    setEditing(null);
  }

  return (
    <>
      <PageTitle title="Agencies" />
      <p className="muted">
        The police agencies that receive referral packages, one or more per country. Nothing is ever
        published: a package goes only to an agency registered here. Every change is recorded in the
        audit log.
      </p>
      {saved ? <StatusMessage>{saved}</StatusMessage> : null}
      <AgencyForm key={editing?.id ?? "new"} editing={editing} onDone={handleDone} />
      <section aria-labelledby="agencies-heading" className="section">
        <h2 id="agencies-heading">Registered agencies</h2>
        {agencies.isPending ? <p className="muted">Loading the registry…</p> : null}
        <ErrorMessage error={agencies.error} />
        {agencies.data && agencies.data.length === 0 ? (
          <p className="empty-state">No agency is registered yet. Register the first one above.</p>
        ) : null}
        {agencies.data && agencies.data.length > 0 ? (
          <div className="table-scroll">
            <table className="table table-stacking">
              <caption className="visually-hidden">Registered agencies</caption>
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col">Agency</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Witness key</th>
                  <th scope="col">Changed</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {agencies.data.map((agency) => (
                  <tr key={agency.id}>
                    <td data-label="Country">{countryLabel(agency.country)}</td>
                    <th scope="row" className="cell-name">
                      {agency.name}
                      {agency.unit ? <span className="cell-secondary">{agency.unit}</span> : null}
                    </th>
                    <td data-label="Contact">
                      {agency.contactPerson}
                      <span className="cell-secondary">{agency.contactChannel}</span>
                    </td>
                    <td data-label="Witness key">
                      {agency.publicKey ? (
                        <code title={agency.publicKey}>{shortHash(agency.publicKey)}</code>
                      ) : (
                        <Badge>No key</Badge>
                      )}
                    </td>
                    <td data-label="Changed">{formatDateTime(agency.updatedAt)}</td>
                    <td data-label="Actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Change ${agency.name}`}
                        onClick={() => {
                          setSaved(null);
                          setEditing(agency);
                        }}
                      >
                        Change
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
