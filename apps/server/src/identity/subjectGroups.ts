import { sql } from "kysely";
import type { DbOrTrx } from "../db/database";

/**
 * Each subject with every subject merged into it (directly or through a chain). Rows keep the
 * subject they were recorded on, so a merge moves nothing and its reversal loses nothing.
 */
export async function subjectMembers(
  db: DbOrTrx,
  subjectIds: readonly string[],
): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>(subjectIds.map((id) => [id, [id]]));
  if (subjectIds.length === 0) return members;
  const { rows } = await sql<{ root: string; id: string }>`
    with recursive tree(root, id) as (
      select id, id from subjects where id = any(${[...subjectIds]}::uuid[])
      union all
      select tree.root, s.id from subjects s join tree on s.merged_into = tree.id
    )
    select root::text, id::text from tree where root <> id`.execute(db);
  for (const row of rows) members.get(row.root)?.push(row.id);
  return members;
}
