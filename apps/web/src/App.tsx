import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";
import type { Me } from "./api/schemas";
import { AppShell } from "./components/AppShell";
import { ErrorMessage } from "./components/ErrorMessage";
import { useSession } from "./hooks/useSession";
import { safeReturnPath, signInPathFor } from "./returnPath";
import { AccountPasswordScene } from "./scenes/AccountPasswordScene";
import { lazy, Suspense } from "react";
import { AuditScene } from "./scenes/audit/AuditScene";
import { ConsoleScene } from "./scenes/console/ConsoleScene";
import { ReviewDetailScene } from "./scenes/review/ReviewDetailScene";
import { ReviewScene } from "./scenes/review/ReviewScene";
import { SignOffScene } from "./scenes/identity/SignOffScene";
import { SubjectScene } from "./scenes/identity/SubjectScene";
import { SubjectsScene } from "./scenes/identity/SubjectsScene";
import { AllSubjectsScene } from "./scenes/identity/AllSubjectsScene";
import { ForcedPasswordChangeScene } from "./scenes/ForcedPasswordChangeScene";
import { NotFoundScene } from "./scenes/NotFoundScene";
import { OperationScene } from "./scenes/OperationScene";
import { OperationsScene } from "./scenes/OperationsScene";
import { SignInScene } from "./scenes/SignInScene";
import { TwoFactorScene } from "./scenes/TwoFactorScene";
import { NewOperationScene } from "./scenes/admin/NewOperationScene";
import { PeopleScene } from "./scenes/admin/PeopleScene";
import { PersonasScene } from "./scenes/admin/PersonasScene";

// The graph view brings the graph library: loaded only when it is opened.
const SubjectGraphScene = lazy(() =>
  import("./scenes/identity/SubjectGraphScene").then((module) => ({
    default: module.SubjectGraphScene,
  })),
);
import { VenuesScene } from "./scenes/venues/VenuesScene";

// The dashboard brings the chart library and the world map: loaded only when it is opened.
const DashboardScene = lazy(() =>
  import("./scenes/supervision/DashboardScene").then((module) => ({
    default: module.DashboardScene,
  })),
);

const referralScenes = () => import("./scenes/referrals/referralScenes");
const AgenciesScene = lazy(() => referralScenes().then((m) => ({ default: m.AgenciesScene })));
const ReferralsScene = lazy(() => referralScenes().then((m) => ({ default: m.ReferralsScene })));
const NewReferralScene = lazy(() =>
  referralScenes().then((m) => ({ default: m.NewReferralScene })),
);
const ReferralScene = lazy(() => referralScenes().then((m) => ({ default: m.ReferralScene })));
const HeadsScene = lazy(() => referralScenes().then((m) => ({ default: m.HeadsScene })));
const loadingReferrals = <p className="muted">Loading…</p>;

/** Chooses what the user may see from the session: sign-in, the forced password change, or the console. */
export function App() {
  const session = useSession();
  const [location] = useLocation();

  if (session.isPending) {
    return <p className="muted loading-screen">Loading Sweetie…</p>;
  }
  if (session.isError) {
    return (
      <main className="centered-page">
        <div className="panel panel-narrow">
          <h1>Sweetie is not reachable</h1>
          <ErrorMessage error={session.error} />
          <button type="button" className="button" onClick={() => void session.refetch()}>
            Try again
          </button>
        </div>
      </main>
    );
  }

  const me = session.data;
  if (me === null) {
    if (location !== "/sign-in") return <Redirect to={signInPathFor(location)} replace />;
    return (
      <main>
        <SignInScene />
      </main>
    );
  }
  if (me.mustChangePassword) {
    return (
      <AppShell me={me} restricted>
        <ForcedPasswordChangeScene me={me} />
      </AppShell>
    );
  }
  return (
    <AppShell me={me}>
      <ConsoleRoutes me={me} />
    </AppShell>
  );
}

// New areas of the console (live conversations, subjects, referrals) add their routes here.
function ConsoleRoutes({ me }: { me: Me }) {
  const search = useSearch();
  return (
    <Switch>
      <Route path="/">
        <Redirect to="/operations" replace />
      </Route>
      <Route path="/sign-in">
        <Redirect to={safeReturnPath(search)} replace />
      </Route>
      <Route path="/operations">
        <OperationsScene me={me} />
      </Route>
      <Route path="/operations/new">
        <NewOperationScene me={me} />
      </Route>
      <Route path="/people">
        <PeopleScene me={me} />
      </Route>
      <Route path="/subjects">
        <AllSubjectsScene />
      </Route>
      <Route path="/agencies">
        <Suspense fallback={loadingReferrals}>
          <AgenciesScene me={me} />
        </Suspense>
      </Route>
      <Route path="/operations/:operationId/personas">
        {(params) => (
          <PersonasScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/console">
        {(params) => (
          <ConsoleScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/review">
        {(params) => (
          <ReviewScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/review/:conversationId">
        {(params) => (
          <ReviewDetailScene
            key={params.conversationId}
            me={me}
            operationId={params.operationId}
            conversationId={params.conversationId}
          />
        )}
      </Route>
      <Route path="/operations/:operationId/dashboard">
        {(params) => (
          <Suspense fallback={<p className="muted">Loading the dashboard…</p>}>
            <DashboardScene key={params.operationId} me={me} operationId={params.operationId} />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/subjects">
        {(params) => (
          <SubjectsScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/subjects/:subjectId/graph">
        {(params) => (
          <Suspense fallback={<p className="muted">Loading the graph…</p>}>
            <SubjectGraphScene
              key={params.subjectId}
              me={me}
              operationId={params.operationId}
              subjectId={params.subjectId}
            />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/subjects/:subjectId">
        {(params) => (
          <SubjectScene
            key={params.subjectId}
            me={me}
            operationId={params.operationId}
            subjectId={params.subjectId}
          />
        )}
      </Route>
      <Route path="/operations/:operationId/claims/awaiting-sign-off">
        {(params) => (
          <SignOffScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/referrals">
        {(params) => (
          <Suspense fallback={loadingReferrals}>
            <ReferralsScene key={params.operationId} me={me} operationId={params.operationId} />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/referrals/new">
        {(params) => (
          <Suspense fallback={loadingReferrals}>
            <NewReferralScene key={params.operationId} me={me} operationId={params.operationId} />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/referrals/:referralId">
        {(params) => (
          <Suspense fallback={loadingReferrals}>
            <ReferralScene
              key={params.referralId}
              me={me}
              operationId={params.operationId}
              referralId={params.referralId}
            />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/heads">
        {(params) => (
          <Suspense fallback={loadingReferrals}>
            <HeadsScene key={params.operationId} me={me} operationId={params.operationId} />
          </Suspense>
        )}
      </Route>
      <Route path="/operations/:operationId/audit">
        {(params) => (
          <AuditScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId/venues">
        {(params) => (
          <VenuesScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/operations/:operationId">
        {(params) => (
          <OperationScene key={params.operationId} me={me} operationId={params.operationId} />
        )}
      </Route>
      <Route path="/account/password">
        <AccountPasswordScene me={me} />
      </Route>
      <Route path="/account/two-factor">
        <TwoFactorScene me={me} />
      </Route>
      <Route>
        <NotFoundScene />
      </Route>
    </Switch>
  );
}
