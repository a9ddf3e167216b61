import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { defaultConfig } from "../config";
import { buildOperationWithTeam, buildUser, signInAs, TEST_PASSWORD } from "../test/accounts";
import { useTestApp } from "../test/testHooks";
import { createUser } from "../commands/createUser";

describe("sessions and accounts", () => {
  const server = useTestApp();

  it("sets an httpOnly, SameSite=Strict session cookie and refuses a wrong password", async () => {
    const user = await buildUser(server.store.db);
    const ok = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === "sweetie_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    const bad = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: user.username, password: "nope" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: "invalid_credentials" });
  });

  it("limits sign-in attempts with a clear message", async () => {
    const user = await buildUser(server.store.db);
    const limitedApp = await buildApp({
      store: server.store,
      config: { ...defaultConfig, SWEETIE_LOGIN_ATTEMPTS: 3 },
    });
    const attempt = () =>
      limitedApp.inject({
        method: "POST",
        url: "/api/session",
        payload: { username: user.username, password: "guess" },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "too_many_attempts" });
    expect((limited.json() as { detail: string }).detail).toMatch(/Wait \d+ minute/);
    await limitedApp.close();
  });

  it("requires the CSRF token on state-changing requests", async () => {
    const user = await buildUser(server.store.db);
    const session = await signInAs(server.app, user.username);
    const without = await server.app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie: session.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: "csrf_failed" });
    const wrong = await server.app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie: session.cookie, "x-csrf-token": "x" },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await server.app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: session.headers,
    });
    expect(right.statusCode).toBe(204);
    const after = await server.app.inject({
      method: "GET",
      url: "/api/session",
      headers: session.headers,
    });
    expect(after.statusCode).toBe(401);
  });

  it("forces a password change after a one-time password, then lets the user in", async () => {
    const { user, oneTimePassword } = await createUser(server.store.db, null, {
      username: "fresh.person",
    });
    const session = await signInAs(server.app, user.username, oneTimePassword!);
    const blocked = await server.app.inject({
      method: "GET",
      url: "/api/operations",
      headers: session.headers,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: "password_change_required" });
    const weak = await server.app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: session.headers,
      payload: { currentPassword: oneTimePassword, newPassword: "short" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      code: "weak_password",
      errors: [{ field: "newPassword" }],
    });
    const changed = await server.app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: session.headers,
      payload: { currentPassword: oneTimePassword, newPassword: "a much longer passphrase" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ user: { mustChangePassword: false } });
    // The old session ended with the change; the new cookie works.
    expect(
      (await server.app.inject({ method: "GET", url: "/api/session", headers: session.headers }))
        .statusCode,
    ).toBe(401);
    const next = await signInAs(server.app, user.username, "a much longer passphrase");
    expect(
      (await server.app.inject({ method: "GET", url: "/api/operations", headers: next.headers }))
        .statusCode,
    ).toBe(200);
  });

  it("enrols TOTP, then requires the code at sign-in, and an operation can demand it", async () => {
    const user = await buildUser(server.store.db);
    const operation = await buildOperationWithTeam(server.store.db, {
      team: [{ userId: user.id, role: "analyst" }],
    });
    await server.store.db
      .updateTable("operations")
      .set({ require_totp: true })
      .where("id", "=", operation.id)
      .execute();
    const session = await signInAs(server.app, user.username);
    const refused = await server.app.inject({
      method: "GET",
      url: `/api/operations/${operation.id}`,
      headers: session.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: "second_factor_setup_required" });

    const started = await server.app.inject({
      method: "POST",
      url: "/api/session/totp",
      headers: session.headers,
      payload: { currentPassword: TEST_PASSWORD },
    });
    const { secret, otpauthUri } = started.json() as { secret: string; otpauthUri: string };
    expect(otpauthUri).toContain("otpauth://totp/");
    const confirmed = await server.app.inject({
      method: "POST",
      url: "/api/session/totp/confirm",
      headers: session.headers,
      payload: { code: await generate({ secret }) },
    });
    expect(confirmed.json()).toMatchObject({ user: { totpEnabled: true } });
    expect(
      (
        await server.app.inject({
          method: "GET",
          url: `/api/operations/${operation.id}`,
          headers: session.headers,
        })
      ).statusCode,
    ).toBe(200);

    const noCode = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(noCode.json()).toMatchObject({ code: "second_factor_required" });
    const badCode = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: { username: user.username, password: TEST_PASSWORD, code: "000000" },
    });
    expect(badCode.json()).toMatchObject({ code: "invalid_credentials" });
    // The enrolment used up the current code; the next one (accepted for clock drift) signs in.
    const good = await server.app.inject({
      method: "POST",
      url: "/api/session",
      payload: {
        username: user.username,
        password: TEST_PASSWORD,
        code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
      },
    });
    expect(good.statusCode).toBe(200);
  });

  it("answers health without a session, naming the store", async () => {
    const response = await server.app.inject({ method: "GET", url: "/api/health" });
    expect(response.json()).toEqual({ status: "ok", database: server.store.kind });
  });
});
