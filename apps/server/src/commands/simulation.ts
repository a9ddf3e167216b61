import { recordAudit } from "../audit/recordAudit";
import type { Clock } from "../clock";
import type { ConsoleRuntime } from "../conversations/consoleRuntime";
import type { Db } from "../db/database";
import { findOperation } from "../db/repositories/operationsRepository";
import { findUserByUsername } from "../db/repositories/usersRepository";
import { AppError } from "../errors";
import { goPresent } from "./goPresent";

export interface SimulationInput {
  operationId: string;
  /** The operator recorded as putting the persona in the venue. */
  as: string;
  venueAddress: string;
  counterparts: number;
  ratePerSecond: number;
}

export interface SimulationStats {
  received: number;
  handedToIngest: number;
  backlog: number;
  failed: number;
}

export interface Simulation {
  venueAddress: string;
  stats(): SimulationStats;
  stop(): void;
}

/**
 * Training-range traffic in this process's runtime: the persona goes present (through the
 * authorization gate) and N synthetic counterparts talk at about R messages a second, ingested
 * like any connector's. Used by `sweetie simulate` in its own process and, when a server holds
 * the embedded store, by that server's local API on the CLI's behalf.
 */
export async function startSimulation(
  db: Db,
  ports: { runtime: ConsoleRuntime; clock: Clock },
  input: SimulationInput,
): Promise<Simulation> {
  const operation = await findOperation(db, input.operationId);
  if (!operation) {
    throw new AppError("not_found", { detail: `No operation has the id ${input.operationId}.` });
  }
  // Synthetic counterparts in a real operation would put invented talk next to evidence.
  if (!operation.is_training) throw new AppError("training_only");
  const user = await findUserByUsername(db, input.as);
  if (!user) throw new AppError("not_found", { detail: `No user is named "${input.as}".` });
  const actor = { userId: user.id, username: user.username, isAdmin: user.is_admin, ip: "cli" };
  const { runtime } = ports;
  const presence = await goPresent(
    db,
    { hub: runtime.hub, clock: ports.clock, evidence: runtime.evidence, secrets: runtime.secrets },
    { actor, operation, venueAddress: input.venueAddress, displayName: "training persona" },
  );
  await recordAudit(db, actor, {
    action: "training.simulation_started",
    operationId: operation.id,
    targetType: "venue",
    targetId: presence.venueId,
    details: { counterparts: input.counterparts, ratePerSecond: input.ratePerSecond },
  });
  const range = runtime.hub.trainingRange(operation.id)!;
  let received = 0;
  const unsubscribe = range.onPrivateMessage(() => (received += 1));
  const stopTraffic = range.startTraffic({
    venueAddress: presence.venueAddress,
    counterparts: input.counterparts,
    ratePerSecond: input.ratePerSecond,
  });
  return {
    venueAddress: presence.venueAddress,
    stats: () => ({
      received,
      handedToIngest: Math.max(0, received - runtime.queue.backlog),
      backlog: runtime.queue.backlog,
      failed: runtime.queue.failedCount,
    }),
    stop() {
      stopTraffic();
      unsubscribe();
    },
  };
}
