import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import type { Store } from "../db/database";
import { buildOperationWithTeam, buildUser, signInAs } from "../test/accounts";
import { openTestStore } from "../test/testStore";
import { goPresentInLobby } from "../test/trainingRange";

describe("practice in the training range", () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function goPresentAsAdmin(isTraining: boolean) {
    const admin = await buildUser(store.db);
    const operation = await buildOperationWithTeam(store.db, {
      team: [{ userId: admin.id, role: "admin" }],
    });
    await store.db
      .updateTable("operations")
      .set({ is_training: isTraining })
      .where("id", "=", operation.id)
      .execute();
    const session = await signInAs(app, admin.username);
    return goPresentInLobby(app, operation.id, session.headers);
  }

  it("lets an operation administrator run the persona in a training operation", async () => {
    const response = await goPresentAsAdmin(true);
    expect(response.statusCode, response.body).toBe(201);
  });

  it("keeps administration and undercover work apart in a real operation", async () => {
    const response = await goPresentAsAdmin(false);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "forbidden" });
  });
});
