import type { FastifyInstance } from "fastify";
import type { ManualTimers } from "../connectors/training/timers";

/** The training venue every test operation's authorization permits. */
export const LOBBY = "training://lobby";

/** Puts the operation's persona in the training lobby through the real route, as `headers`' user. */
export function goPresentInLobby(
  app: FastifyInstance,
  operationId: string,
  headers: Record<string, string>,
) {
  return app.inject({
    method: "POST",
    url: `/api/operations/${operationId}/presence`,
    headers,
    payload: { venueAddress: LOBBY, displayName: "ana" },
  });
}

/**
 * Lets a synthetic counterpart open a conversation: spawns it, moves the manual clock past its
 * first lines and waits until the ingest queue has stored them.
 */
export async function letCounterpartWrite(
  app: FastifyInstance,
  operationId: string,
  timers: ManualTimers,
  behaviourId = "benign_chatter",
): Promise<void> {
  app.consoleRuntime.hub.trainingRange(operationId)!.spawn(behaviourId, LOBBY);
  timers.advance(10_000);
  await app.consoleRuntime.queue.drain();
}
