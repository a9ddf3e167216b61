import { describe, expect, it } from "vitest";
import { buildOperationWithTeam, buildUser, signInAs } from "../test/accounts";
import { useTestApp } from "../test/testHooks";
import { goPresentInLobby } from "../test/trainingRange";

describe("practice in the training range", () => {
  const server = useTestApp();

  async function goPresentAsAdmin(isTraining: boolean) {
    const admin = await buildUser(server.store.db);
    const operation = await buildOperationWithTeam(server.store.db, {
      team: [{ userId: admin.id, role: "admin" }],
    });
    await server.store.db
      .updateTable("operations")
      .set({ is_training: isTraining })
      .where("id", "=", operation.id)
      .execute();
    const session = await signInAs(server.app, admin.username);
    return goPresentInLobby(server.app, operation.id, session.headers);
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
