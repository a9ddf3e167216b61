import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import type { Me } from "../../api/schemas";
import { fetchDashboard } from "../../api/supervision";
import { ErrorMessage } from "../../components/ErrorMessage";
import { OperationBanner, useRoleAccess } from "../../components/OperationBanner";
import { PageTitle } from "../../components/PageTitle";
import { formatDateTime } from "../../format";
import { useLiveStream } from "../../hooks/useLiveStream";
import { BarChart } from "./BarChart";
import { OperatorTable } from "./OperatorTable";
import { countryName, WorldMap } from "./WorldMap";

/** The supervision dashboard (supervisors, administrators, legal): live, from the server's counts. */
export function DashboardScene({ me, operationId }: { me: Me; operationId: string }) {
  useLiveStream(operationId);
  const access = useRoleAccess(me, operationId);
  const dashboard = useQuery({
    queryKey: ["dashboard", operationId],
    queryFn: () => fetchDashboard(operationId),
  });
  return (
    <>
      <OperationBanner me={me} operationId={operationId} />
      <PageTitle title="Supervision" />
      {dashboard.isPending ? <p className="muted">Loading the dashboard…</p> : null}
      {dashboard.isError ? <ErrorMessage error={dashboard.error} /> : null}
      {dashboard.data ? (
        <DashboardBody
          operationId={operationId}
          meId={me.id}
          canManage={access?.manageExposure ?? false}
          canReview={access?.review ?? false}
          data={dashboard.data}
        />
      ) : null}
    </>
  );
}

function DashboardBody({
  operationId,
  meId,
  canManage,
  canReview,
  data,
}: {
  operationId: string;
  meId: string;
  canManage: boolean;
  canReview: boolean;
  data: NonNullable<Awaited<ReturnType<typeof fetchDashboard>>>;
}) {
  const approaches = data.approachesPerDay.reduce((sum, day) => sum + day.count, 0);
  const flagged = data.flags.reduce((sum, flag) => sum + flag.count, 0);
  const subjects =
    data.subjectsByCountry.reduce((sum, row) => sum + row.count, 0) + data.subjectsWithoutCountry;
  return (
    <>
      <p className="muted">
        Updated {formatDateTime(data.generatedAt)}; it refreshes as conversations change.
      </p>
      <ul className="stat-tiles" aria-label="At a glance">
        <li>
          <span className="stat-value">{approaches}</span> approaches in 30 days
        </li>
        <li>
          <span className="stat-value">{data.awaitingReview}</span> awaiting review
          {canReview && data.awaitingReview > 0 ? (
            <>
              {" "}
              <Link href={`/operations/${operationId}/review`}>Open the queue</Link>
            </>
          ) : null}
        </li>
        <li>
          <span className="stat-value">{data.confirmed}</span> confirmed ·{" "}
          <span className="stat-value">{data.rejected}</span> rejected
        </li>
        <li>
          <span className="stat-value">{flagged}</span> safeguard flags
        </li>
        <li>
          <span className="stat-value">{subjects}</span> subjects
        </li>
      </ul>
      <div className="columns">
        <section className="section" aria-labelledby="approaches-heading">
          <h2 id="approaches-heading">Approaches per day</h2>
          {approaches === 0 ? (
            <p className="empty-state">
              No approaches in the last 30 days yet. The persona never starts a conversation; they
              appear here as counterparts write.
            </p>
          ) : (
            <BarChart
              title="New conversations per day, last 30 days"
              days={data.approachesPerDay.map((day) => day.day)}
              values={data.approachesPerDay.map((day) => day.count)}
              seriesLabel="Approaches"
            />
          )}
        </section>
        <section className="section" aria-labelledby="funnel-heading">
          <h2 id="funnel-heading">Stage funnel</h2>
          {data.funnel[0]?.count === 0 ? (
            <p className="empty-state">No conversations yet, so no stage has been reached.</p>
          ) : (
            <BarChart
              title="Conversations that reached each stage"
              labels={data.funnel.map((step) => step.label)}
              values={data.funnel.map((step) => step.count)}
              seriesLabel="Conversations"
            />
          )}
        </section>
      </div>
      <section className="section" aria-labelledby="flags-heading">
        <h2 id="flags-heading">Safeguard flags (S6)</h2>
        <ul className="flag-list">
          {data.flags.map((flag) => (
            <li key={flag.flag}>
              <strong>
                {flag.count} · {flag.title}.
              </strong>{" "}
              {flag.explanation}
            </li>
          ))}
        </ul>
      </section>
      <section className="section" aria-labelledby="map-heading">
        <h2 id="map-heading">Subjects by country</h2>
        <div className="map-layout">
          <WorldMap counts={data.subjectsByCountry} />
          <div>
            {data.subjectsByCountry.length === 0 ? (
              <p className="empty-state">
                No subject has a confirmed country yet. Countries appear on the map once an analyst
                confirms one.
              </p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">Subjects per country</caption>
                <thead>
                  <tr>
                    <th scope="col">Country</th>
                    <th scope="col">Subjects</th>
                  </tr>
                </thead>
                <tbody>
                  {data.subjectsByCountry.map((row) => (
                    <tr key={row.country}>
                      <td>
                        {countryName(row.country)} <span className="muted">({row.country})</span>
                      </td>
                      <td>{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {data.subjectsWithoutCountry > 0 ? (
              <p className="muted">
                {data.subjectsWithoutCountry} without a confirmed country yet.
              </p>
            ) : null}
          </div>
        </div>
      </section>
      <section className="section" aria-labelledby="team-heading">
        <h2 id="team-heading">Workload and exposure</h2>
        <p className="muted">
          Time on task counts the time between a person&apos;s own messages today, each pause
          counted up to five minutes. Reveals are counted against the daily budget (S8).
        </p>
        <OperatorTable
          operationId={operationId}
          operators={data.operators}
          canManage={canManage}
          meId={meId}
        />
      </section>
    </>
  );
}
