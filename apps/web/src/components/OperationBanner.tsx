import { Link, useLocation } from "wouter";
import type { Me, OperationDetail } from "../api/schemas";
import { formatRole } from "../format";
import { useOperation } from "../hooks/useOperations";
import { roleAccess, type RoleAccess } from "../roleAccess";

/** The operation's kind in one word: a training drill must never look like a real operation. */
export function operationKind(operation: OperationDetail["operation"]): string {
  if (operation.isTraining) return "TRAINING";
  return operation.mode === "deter" ? "DETER" : "IDENTIFY";
}

const kindHelp: Record<string, string> = {
  TRAINING: "Training range: synthetic counterparts, nothing here is evidence.",
  IDENTIFY: "Real operation: identify and refer. Everything is evidence.",
  DETER: "Real operation: deter. Break-offs send the warning notice. Everything is evidence.",
};

/**
 * On every operation page: the operation's name, a clear TRAINING / IDENTIFY / DETER banner, and
 * the pages this person's role may open (nothing else is shown).
 */
export function OperationBanner({ me, operationId }: { me: Me; operationId: string }) {
  const operation = useOperation(operationId);
  const [location] = useLocation();
  if (!operation.data) return null;
  const { operation: op, role } = operation.data;
  const kind = operationKind(op);
  const access = roleAccess(role, { isTraining: op.isTraining, isSystemAdmin: me.isAdmin });
  const base = `/operations/${op.id}`;
  const links = operationLinks(base, access);
  return (
    <div className={`operation-banner operation-banner-${kind.toLowerCase()}`}>
      <p className="operation-banner-line">
        <strong className="operation-kind">{kind}</strong>
        <span className="operation-banner-name">{op.name}</span>
        <span className="operation-banner-help">{kindHelp[kind]}</span>
        <span className="operation-banner-role">
          {role ? `You: ${formatRole(role)}` : "You: system administrator"}
        </span>
      </p>
      <nav aria-label="Operation pages">
        <ul className="operation-links">
          {links.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={location === link.href ? "page" : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

function operationLinks(base: string, access: RoleAccess) {
  return [
    { href: base, label: "Overview", shown: true },
    { href: `${base}/console`, label: "Live console", shown: access.operate },
    {
      href: `${base}/console`,
      label: "Transcripts (read only)",
      shown: access.readConversations && !access.operate,
    },
    { href: `${base}/review`, label: "Review queue", shown: access.review },
    { href: `${base}/dashboard`, label: "Supervision", shown: access.dashboard },
    { href: `${base}/subjects`, label: "Subjects", shown: access.identify },
    { href: `${base}/referrals`, label: "Referrals", shown: access.referrals },
    { href: `${base}/heads`, label: "Signed heads", shown: access.heads },
    { href: `${base}/audit`, label: "Audit log", shown: access.audit },
    { href: `${base}/venues`, label: "Venues", shown: access.venues },
  ].filter((link) => link.shown);
}

/** The role access of the signed-in person in this operation (null until it has loaded). */
export function useRoleAccess(me: Me, operationId: string): RoleAccess | null {
  const operation = useOperation(operationId);
  if (!operation.data) return null;
  return roleAccess(operation.data.role, {
    isTraining: operation.data.operation.isTraining,
    isSystemAdmin: me.isAdmin,
  });
}
