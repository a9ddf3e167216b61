import type { DbOrTrx } from "../db/database";
import type { EvidenceSource, SourceContent, SourcePorts, SourceRow } from "./evidenceSourceTypes";
import { EVIDENCE_SOURCES } from "./evidenceSourceTables";

export type {
  CoveredColumns,
  EvidenceSource,
  SourceContent,
  SourcePorts,
  SourceRow,
} from "./evidenceSourceTypes";

const sources = new Map<string, EvidenceSource>(
  EVIDENCE_SOURCES.map((source) => [source.table, source]),
);

export { utcMicrosOfDate, EVENT_EVIDENCE_COLUMNS } from "./evidenceSourceTables";

export function evidenceSource(table: string): EvidenceSource {
  const source = sources.get(table);
  if (!source) {
    throw new Error(
      `the ledger has no evidence source for table "${table}": add one in ledger/evidenceSources.ts`,
    );
  }
  return source;
}

export type SourceRef = { table: string; id: string };

export function idsByTable(refs: readonly SourceRef[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const ref of refs) {
    const ids = byTable.get(ref.table) ?? [];
    ids.push(ref.id);
    byTable.set(ref.table, ids);
  }
  return byTable;
}

/** Maps selected rows of one table to content, keyed `${table}/${id}`. */
export function collectContent(
  table: string,
  rows: readonly SourceRow[],
  into: Map<string, SourceContent> = new Map(),
): Map<string, SourceContent> {
  const source = evidenceSource(table);
  for (const row of rows) into.set(`${table}/${row.id}`, source.toContent(row));
  return into;
}

/** Loads many source rows with one query per table. Keys are `${table}/${id}`. */
export async function loadSources(
  db: DbOrTrx,
  refs: readonly SourceRef[],
  ports: SourcePorts = {},
): Promise<Map<string, SourceContent>> {
  const found = new Map<string, SourceContent>();
  for (const [table, ids] of idsByTable(refs)) {
    const source = evidenceSource(table);
    const { rows } = await source.select(ids).execute(db);
    await source.complete?.(db, rows, ports);
    collectContent(table, rows, found);
  }
  return found;
}
