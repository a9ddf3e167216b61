import { recordAudit } from "../audit/recordAudit";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import type { DisclosureRow, DisclosureScope } from "../db/tables/disclosures";
import { AppError } from "../errors";
import type { Actor } from "../policies/authorize";
import type { PackageProgress } from "../referrals/packageFiles";
import {
  buildDisclosurePackage,
  recordDisclosureExport,
  type DisclosurePorts,
} from "./buildDisclosure";
import { disclosureSubjects } from "./disclosureRepository";

/** How many packages one server process builds at once (each streams; the PDF uses workers). */
const MAX_BUILDS = 2;
/** How often the progress is written to the row the console polls. */
const PROGRESS_EVERY_MS = 500;

/**
 * Disclosure exports build in the background: the request records the export (building) and
 * answers at once; the console polls its progress and downloads the package once it is ready.
 * A build that fails says why, in words, on its row. Builds still running when the server stops
 * are waited for (drain).
 */
export class DisclosureBuilds {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly ports: () => Promise<DisclosurePorts>,
    private readonly clock: Clock,
  ) {}

  /** Checks the target, records the export as building and starts the build. */
  async start(input: {
    actor: Actor;
    operationId: string;
    scope: DisclosureScope;
    targetId: string;
  }): Promise<DisclosureRow> {
    if (this.running.size >= MAX_BUILDS) throw new AppError("disclosure_busy");
    const subjects = await disclosureSubjects(
      this.db,
      input.operationId,
      input.scope,
      input.targetId,
    );
    const total = new Set(subjects.flatMap((s) => s.conversationIds)).size;
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto("disclosures")
        .values({
          operation_id: input.operationId,
          scope: input.scope,
          target_id: input.targetId,
          requested_by: input.actor.userId,
          conversations_total: total,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, input.actor, {
        action: "disclosure.start",
        operationId: input.operationId,
        targetType: input.scope,
        targetId: input.targetId,
        details: { disclosureId: created.id, conversations: total },
      });
      return created;
    });
    const build = this.build(input.actor, row).finally(() => this.running.delete(row.id));
    this.running.set(row.id, build);
    return row;
  }

  /** Waits for every build under way (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  /** The build of one export, if this process runs it. */
  whenDone(disclosureId: string): Promise<void> | undefined {
    return this.running.get(disclosureId);
  }

  private async build(actor: Actor, row: DisclosureRow): Promise<void> {
    let written = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const onProgress = (p: PackageProgress) => {
      const now = Date.now();
      if (p.stage === "evidence" && now - written < PROGRESS_EVERY_MS) return;
      written = now;
      writing = writing.then(() =>
        this.db
          .updateTable("disclosures")
          .set({ conversations_done: p.conversationsDone, updated_at: new Date() })
          .where("id", "=", row.id)
          .where("status", "=", "building")
          .execute()
          .catch(() => undefined),
      );
    };
    try {
      const ports = await this.ports();
      const built = await buildDisclosurePackage(this.db, ports, row, this.clock.now(), onProgress);
      await writing;
      await recordDisclosureExport(this.db, ports, { actor, disclosure: row, built });
    } catch (error) {
      await writing;
      const failure =
        error instanceof AppError
          ? error.detail
          : `The package could not be built (${error instanceof Error ? error.message : String(error)}). Try the export again; if it fails again, tell your administrator.`;
      await this.db
        .updateTable("disclosures")
        .set({ status: "failed", failure, updated_at: new Date() })
        .where("id", "=", row.id)
        .execute();
      await recordAudit(this.db, actor, {
        action: "disclosure.failed",
        operationId: row.operation_id,
        targetType: row.scope,
        targetId: row.target_id,
        details: { disclosureId: row.id, failure },
      });
    }
  }
}
