import type { PGlite, Results } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";

/**
 * A pool over one PGlite instance for Kysely's own PostgresDialect. PGlite is a single
 * connection, so the pool hands it to one borrower at a time: a transaction keeps it until it
 * releases, and every other query waits its turn instead of interleaving with the transaction.
 */
export function createPglitePool(pglite: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => turn);
      await previous;
      let released = false;
      const client = {
        async query<R>(sql: string, parameters: ReadonlyArray<unknown>) {
          // Parameterless SQL may hold several statements (migrations); only the simple
          // protocol (exec) accepts that, and it answers with one result per statement.
          const result =
            parameters.length === 0
              ? lastOf(await pglite.exec(sql))
              : await pglite.query<R>(sql, parameters as unknown[]);
          return {
            command: commandOf(sql),
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows as R[],
          } satisfies PostgresQueryResult<R>;
        },
        release() {
          if (!released) {
            released = true;
            release();
          }
        },
      };
      return client as PostgresPoolClient;
    },
    async end() {
      await tail;
    },
  };
}

function lastOf<R>(results: Results<R>[]): Results<R> {
  return results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
}

function commandOf(sql: string): PostgresQueryResult<unknown>["command"] {
  const word = /^\s*(?:with\b[\s\S]*?\)\s*)?(\w+)/i.exec(sql)?.[1]?.toUpperCase();
  switch (word) {
    case "INSERT":
    case "UPDATE":
    case "DELETE":
    case "MERGE":
      return word;
    default:
      return "SELECT";
  }
}
