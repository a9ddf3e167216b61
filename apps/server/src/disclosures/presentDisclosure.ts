import type { Disclosure } from "@sweetie/core/api/disclosureSchemas";
import type { DbOrTrx } from "../db/database";
import type { DisclosureRow } from "../db/tables/disclosures";
import { disclosureFileName, STALLED_AFTER_MS } from "./disclosureRepository";

/** Exports as the console shows them; a build that stopped moving is shown as failed. */
export async function presentDisclosures(
  db: DbOrTrx,
  rows: readonly DisclosureRow[],
  now: Date,
): Promise<Disclosure[]> {
  const ids = [...new Set(rows.map((r) => r.requested_by))];
  const users =
    ids.length === 0
      ? []
      : await db.selectFrom("users").select(["id", "username"]).where("id", "in", ids).execute();
  const names = new Map(users.map((u) => [u.id, u.username]));
  return rows.map((row) => {
    const stalled =
      row.status === "building" && now.getTime() - row.updated_at.getTime() > STALLED_AFTER_MS;
    return {
      id: row.id,
      scope: row.scope,
      targetId: row.target_id,
      status: stalled ? "failed" : row.status,
      conversationsDone: row.conversations_done,
      conversationsTotal: row.conversations_total,
      failure: stalled
        ? "The build stopped before it finished (the server may have restarted). Start the export again."
        : row.failure,
      requestedBy: names.get(row.requested_by) ?? "unknown",
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      package:
        row.status === "ready" && row.package_sha256
          ? {
              sha256: row.package_sha256,
              sizeBytes: Number(row.package_size_bytes),
              headSize: Number(row.package_head_size),
              headRoot: row.package_head_root ?? "",
              fileName: disclosureFileName(row),
            }
          : null,
    };
  });
}
