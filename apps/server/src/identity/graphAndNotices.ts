import type {
  DeconflictionNotice,
  SubjectDetail,
  SubjectGraph,
} from "@sweetie/core/api/identitySchemas";
import { IDENTIFIER_KIND_LABELS, type IdentifierKind } from "@sweetie/core/identity/index";
import type { DbOrTrx } from "../db/database";

/** Subject ↔ identifiers ↔ conversations, from the subject page's data. */
export function subjectGraph(detail: SubjectDetail): SubjectGraph {
  const subjectNode = `subject:${detail.subject.id}`;
  const nodes: SubjectGraph["nodes"] = [
    { id: subjectNode, kind: "subject", label: detail.subject.label },
  ];
  const edges: SubjectGraph["edges"] = [];
  for (const c of detail.conversations) {
    nodes.push({
      id: `conversation:${c.id}`,
      kind: "conversation",
      label: `Chat with ${c.counterpartHandle}`,
    });
    edges.push({
      id: `e:${subjectNode}:${c.id}`,
      source: subjectNode,
      target: `conversation:${c.id}`,
      label: "talked in",
    });
  }
  const identifierNodes = new Set<string>();
  for (const o of detail.observations) {
    const id = `identifier:${o.kind}:${o.normalized}`;
    if (!identifierNodes.has(id)) {
      identifierNodes.add(id);
      nodes.push({
        id,
        kind: "identifier",
        label: `${IDENTIFIER_KIND_LABELS[o.kind]}: ${o.value}`,
      });
      edges.push({ id: `e:${subjectNode}:${id}`, source: subjectNode, target: id, label: "uses" });
    }
    if (o.provenance.type === "message" && o.provenance.conversationId) {
      const edge = `e:${id}:${o.provenance.conversationId}`;
      if (!edges.some((e) => e.id === edge)) {
        edges.push({
          id: edge,
          source: id,
          target: `conversation:${o.provenance.conversationId}`,
          label: "disclosed in",
        });
      }
    }
  }
  return { nodes, edges };
}

/**
 * The deconfliction notices of an operation: its own subject and the kind of identifier, and
 * the other operation's supervisors to call (display name and username). Nothing of the other
 * operation's case crosses: not its name, id, subject or identifiers (S4).
 */
export async function deconflictionNotices(
  db: DbOrTrx,
  operationId: string,
): Promise<DeconflictionNotice[]> {
  const notices = await db
    .selectFrom("deconfliction_notices as n")
    .innerJoin("subjects as s", "s.id", "n.subject_id")
    .select(["n.id", "n.subject_id", "s.label", "n.kind", "n.other_operation_id", "n.created_at"])
    .where("n.operation_id", "=", operationId)
    .orderBy("n.created_at", "desc")
    .execute();
  const otherIds = [...new Set(notices.map((n) => n.other_operation_id))];
  const supervisors = otherIds.length
    ? await db
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.operation_id", "u.display_name", "u.username"])
        .where("m.operation_id", "in", otherIds)
        .where("m.role", "=", "supervisor")
        .where("u.disabled", "=", false)
        .orderBy("u.display_name")
        .execute()
    : [];
  return notices.map((n) => ({
    id: n.id,
    subjectId: n.subject_id,
    subjectLabel: n.label,
    kind: n.kind as IdentifierKind,
    contacts: supervisors
      .filter((s) => s.operation_id === n.other_operation_id)
      .map((s) => ({ displayName: s.display_name, username: s.username })),
    createdAt: n.created_at.toISOString(),
  }));
}
