import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { fetchOperations } from "../api/operations";
import type { Me } from "../api/schemas";
import { operationsKey } from "../hooks/useOperations";
import { useSignOut } from "../hooks/useSession";
import { roleAccess } from "../roleAccess";
import { AccountMenu } from "./AccountMenu";
import { ErrorMessage } from "./ErrorMessage";

interface AppShellProps {
  me: Me;
  /** Hide navigation while the user may do only one thing (the forced password change). */
  restricted?: boolean;
  children: ReactNode;
}

export function AppShell({ me, restricted = false, children }: AppShellProps) {
  const signOutMutation = useSignOut();
  const [location] = useLocation();
  // "Subjects" (across operations) is offered to those who work on identification somewhere.
  const operations = useQuery({
    queryKey: operationsKey,
    queryFn: fetchOperations,
    enabled: !restricted,
  });
  const identifies = (operations.data ?? []).some(
    (op) => roleAccess(op.role, { isTraining: op.isTraining, isSystemAdmin: me.isAdmin }).identify,
  );

  function handleSignOut() {
    signOutMutation.mutate();
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-header-inner">
          {restricted ? (
            <span className="product-name">Sweetie</span>
          ) : (
            <Link href="/operations" className="product-name">
              Sweetie
            </Link>
          )}
          {restricted ? null : (
            <nav aria-label="Main">
              <ul className="nav-list">
                <li>
                  <Link
                    href="/operations"
                    aria-current={location === "/operations" ? "page" : undefined}
                  >
                    Operations
                  </Link>
                </li>
                {identifies ? (
                  <li>
                    <Link
                      href="/subjects"
                      aria-current={location === "/subjects" ? "page" : undefined}
                    >
                      Subjects
                    </Link>
                  </li>
                ) : null}
                {me.isAdmin ? (
                  <li>
                    <Link href="/people" aria-current={location === "/people" ? "page" : undefined}>
                      People
                    </Link>
                  </li>
                ) : null}
                {me.isAdmin ? (
                  <li>
                    <Link
                      href="/agencies"
                      aria-current={location === "/agencies" ? "page" : undefined}
                    >
                      Agencies
                    </Link>
                  </li>
                ) : null}
              </ul>
            </nav>
          )}
          <div className="shell-user">
            <span className="shell-user-name">
              <span className="visually-hidden">Signed in as </span>
              {me.displayName}
              <span className="shell-user-username"> ({me.username})</span>
            </span>
            {restricted ? null : <AccountMenu displayName={me.displayName} />}
            <button
              type="button"
              className="button button-quiet"
              onClick={handleSignOut}
              disabled={signOutMutation.isPending}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <ErrorMessage error={signOutMutation.error} />
        {children}
      </main>
    </div>
  );
}
