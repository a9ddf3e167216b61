// A minimal "server" for the ledger crash test: opens the store from the environment
// (DATABASE_URL, else PGlite in SWEETIE_DATA_DIR), and serves on loopback only
//   POST /setup   → creates an operation and a conversation, answers their ids
//   POST /append  → writes one message and its ledger entry in one transaction and answers
//                   only after the commit returned
// It prints {"port": n} on stdout once listening. SIGTERM closes the store cleanly; the test
// kills it with SIGKILL instead, mid-append.
import { createServer, type IncomingMessage } from "node:http";
import { z } from "zod";
import { openStore, storeConfigFromEnv } from "../db/database";
import { migrateToLatest } from "../db/migrator";
import { appendEvidence } from "../ledger/evidenceAppender";
import { buildConversation, buildMessage, buildOperation } from "./factories";

const appendBody = z.object({
  operationId: z.uuid(),
  conversationId: z.uuid(),
  seq: z.number().int().positive(),
  body: z.string().max(1000),
});

const store = await openStore(storeConfigFromEnv());
await migrateToLatest(store.db);

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : {};
}

const server = createServer((req, res) => {
  const answer = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  void (async () => {
    try {
      if (req.method === "POST" && req.url === "/setup") {
        const operation = await buildOperation(store.db);
        const conversation = await buildConversation(store.db, { operation_id: operation.id });
        return answer(200, { operationId: operation.id, conversationId: conversation.id });
      }
      if (req.method === "POST" && req.url === "/append") {
        const input = appendBody.parse(await readJson(req));
        const result = await store.db.transaction().execute(async (trx) => {
          const message = await buildMessage(trx, {
            operation_id: input.operationId,
            conversation_id: input.conversationId,
            seq: input.seq,
            body: input.body,
          });
          const entry = await appendEvidence(trx, {
            operationId: input.operationId,
            kind: "message",
            source: { table: "messages", id: message.id },
          });
          return { messageId: message.id, entryId: entry.id, index: entry.index };
        });
        return answer(200, result); // the transaction has committed
      }
      answer(404, { error: "not found" });
    } catch (error) {
      answer(500, { error: (error as Error).message });
    }
  })();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});

process.on("SIGTERM", () => {
  server.close();
  void store.close().then(() => process.exit(0));
});
