import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestStore } from "../test/testHooks";
import {
  coveredColumns,
  NOT_EVIDENCE,
  OUTSIDE_LEDGER,
  renderCoverageTable,
  renderNotEvidenceTable,
} from "./evidenceCoverage";

// Walks the live schema (information_schema) after every migration: a column that no entry
// commits to and that is not declared "not evidence" with its reason fails here, so evidence
// cannot silently fall outside the ledger when a table grows.

const store = useTestStore();

/** Markdown table rows with the cells trimmed (the formatter pads them). */
function tableRows(markdown: string): string {
  return markdown
    .split("\n")
    .filter((line) => line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .split("|")
        .map((cell) => cell.trim().replace(/^-+$/, "---"))
        .join("|"),
    )
    .join("\n");
}

describe("ledger coverage of the schema", () => {
  it("every column of every table is committed by an entry, or declared not evidence with a reason", async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name
        from information_schema.columns c
        join information_schema.tables t
          on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       order by c.table_name, c.ordinal_position`.execute(store.db);
    const covered = coveredColumns();
    const problems: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (const { table_name: table, column_name: column } of rows) {
      seen.set(table, (seen.get(table) ?? new Set()).add(column));
      if (table in OUTSIDE_LEDGER) {
        if (covered.has(table)) problems.push(`${table} is under the ledger and listed outside it`);
        continue;
      }
      const isCovered = covered.get(table)?.has(column) ?? false;
      const excused = NOT_EVIDENCE[table]?.[column] !== undefined;
      if (!isCovered && !excused) {
        problems.push(
          covered.has(table) || table in NOT_EVIDENCE
            ? `${table}.${column}: no entry commits to it; add it to its source in ledger/evidenceSourceTables.ts (and the README), or to NOT_EVIDENCE in ledger/evidenceCoverage.ts with the reason`
            : `table ${table} is not classified: put it under the ledger (ledger/evidenceSourceTables.ts) or in OUTSIDE_LEDGER (ledger/evidenceCoverage.ts) with the reason`,
        );
      }
      if (isCovered && excused)
        problems.push(`${table}.${column} is both evidence and not evidence`);
    }
    // Lists that name what no longer exists are wrong too.
    for (const [table, columns] of covered) {
      for (const column of columns) {
        if (!seen.get(table)?.has(column))
          problems.push(`${table}.${column} is covered but does not exist`);
      }
    }
    for (const [table, columns] of Object.entries(NOT_EVIDENCE)) {
      for (const column of Object.keys(columns)) {
        if (!seen.get(table)?.has(column))
          problems.push(`${table}.${column} is excused but does not exist`);
      }
    }
    for (const table of Object.keys(OUTSIDE_LEDGER)) {
      if (!seen.has(table))
        problems.push(`${table} is listed outside the ledger but does not exist`);
    }
    expect(problems).toEqual([]);
  });

  it("the ledger README shows exactly these lists", async () => {
    const readme = tableRows(await readFile(new URL("./README.md", import.meta.url), "utf8"));
    expect(readme, "paste renderCoverageTable() into ledger/README.md").toContain(
      tableRows(renderCoverageTable()),
    );
    expect(readme, "paste renderNotEvidenceTable() into ledger/README.md").toContain(
      tableRows(renderNotEvidenceTable()),
    );
  });
});
