import { generate, generateSecret } from "otplib";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app";
import { defaultConfig } from "../config";
import { openStore } from "../db/database";
import { buildUser, signInAs, TEST_PASSWORD } from "../test/accounts";
import { useTestApp } from "../test/testHooks";

// Issue 9: the sign-in limiter lives in the database (shared by every node), failures are
// audited in writes of their own, a two-factor account's answer does not tell whether the
// password was right, a code works once, and re-authentication guards sign-in changes.

const nowEpoch = () => Math.floor(Date.now() / 1000);

describe("sign-in hardening", () => {
  const server = useTestApp();
  const db = () => server.store.db;

  const signIn = (app: typeof server.app, payload: Record<string, string>, address = "127.0.0.1") =>
    app.inject({ method: "POST", url: "/api/session", payload, remoteAddress: address });

  const auditCount = async (action: string, targetId: string) =>
    Number(
      (
        await db()
          .selectFrom("audit")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("action", "=", action)
          .where("target_id", "=", targetId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("throttles one password sprayed across 30 usernames from one address, on every node", async () => {
    const address = "198.51.100.7";
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await signIn(
        server.app,
        { username: `spray_${i}`, password: "Summer2026!" },
        address,
      );
      statuses.push(response.statusCode);
    }
    const limit = defaultConfig.SWEETIE_LOGIN_ADDRESS_ATTEMPTS;
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit)).toEqual(Array(30 - limit).fill(429));

    // A second server on the same database (its own connections on PostgreSQL) sees the same
    // counters: even the right password of a real account is refused from that address.
    const user = await buildUser(db());
    const secondStore = server.store.url
      ? await openStore({ kind: "postgres", url: server.store.url, maxConnections: 2 })
      : server.store;
    const second = await buildApp({ store: secondStore, config: defaultConfig });
    try {
      const refused = await signIn(
        second,
        { username: user.username, password: TEST_PASSWORD },
        address,
      );
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: "too_many_attempts" });
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect((refused.json() as { detail: string }).detail).toMatch(/Wait \d+ minutes?/);
      // From another address the account signs in.
      expect(
        (await signIn(second, { username: user.username, password: TEST_PASSWORD })).statusCode,
      ).toBe(200);
    } finally {
      await second.close();
      if (secondStore !== server.store) await secondStore.close();
    }
  });

  it("records a failed sign-in in an audit row of its own", async () => {
    const user = await buildUser(db());
    const response = await signIn(server.app, { username: user.username, password: "wrong one" });
    expect(response.statusCode).toBe(401);
    expect(await auditCount("session.signIn.failed", user.id)).toBe(1);
    await signIn(server.app, { username: "nobody_here", password: "wrong one" });
    expect(await auditCount("session.signIn.failed", "nobody_here")).toBe(1);
  });

  it("answers a two-factor account alike whether the password or the code was wrong", async () => {
    const user = await buildUser(db());
    const secret = generateSecret();
    await db()
      .updateTable("users")
      .set({ totp_secret: secret, totp_enabled: true })
      .where("id", "=", user.id)
      .execute();
    const wrongCode = String((Number(await generate({ secret })) + 500_000) % 1_000_000).padStart(
      6,
      "0",
    );
    const comparable = (response: Awaited<ReturnType<typeof signIn>>) => ({
      status: response.statusCode,
      type: response.headers["content-type"],
      body: response.json() as unknown,
    });
    const timed = async (payload: Record<string, string>) => {
      const started = performance.now();
      const response = await signIn(server.app, payload);
      return { response: comparable(response), ms: performance.now() - started };
    };
    const rightPassword = { username: user.username, password: TEST_PASSWORD };
    const wrongPassword = { username: user.username, password: "not the password" };

    const a = await timed({ ...rightPassword, code: wrongCode });
    const b = await timed({ ...wrongPassword, code: wrongCode });
    expect(a.response).toEqual(b.response);
    expect(a.response).toMatchObject({ status: 401, body: { code: "invalid_credentials" } });
    // Both checks always run: the two take about as long (one password hash each). The fastest
    // of a few tries is compared, so a busy machine's pauses do not decide it.
    const fastest = async (payload: Record<string, string>) => {
      let best = Infinity;
      for (let i = 0; i < 2; i++) best = Math.min(best, (await timed(payload)).ms);
      return best;
    };
    const right = await fastest({ ...rightPassword, code: wrongCode });
    const wrong = await fastest({ ...wrongPassword, code: wrongCode });
    expect(Math.abs(right - wrong)).toBeLessThan(Math.max(200, Math.max(right, wrong) * 0.6));
    expect(await auditCount("session.signIn.badSecondFactor", user.id)).toBe(3);

    const c = await timed(rightPassword);
    const d = await timed(wrongPassword);
    expect(c.response).toEqual(d.response);
    expect(c.response).toMatchObject({ status: 401, body: { code: "second_factor_required" } });
  });

  it("accepts a code once: the same code again is refused", async () => {
    const user = await buildUser(db());
    const secret = generateSecret();
    await db()
      .updateTable("users")
      .set({ totp_secret: secret, totp_enabled: true })
      .where("id", "=", user.id)
      .execute();
    const code = await generate({ secret, epoch: nowEpoch() });
    const payload = { username: user.username, password: TEST_PASSWORD, code };
    expect((await signIn(server.app, payload)).statusCode).toBe(200);
    const replay = await signIn(server.app, payload);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: "invalid_credentials" });
    // An earlier code than the one used is refused too; a later one works.
    const earlier = await generate({ secret, epoch: nowEpoch() - 30 });
    expect((await signIn(server.app, { ...payload, code: earlier })).statusCode).toBe(401);
    const later = await generate({ secret, epoch: nowEpoch() + 30 });
    expect((await signIn(server.app, { ...payload, code: later })).statusCode).toBe(200);
  });

  it("asks for the current password to set up a second factor, and limits wrong ones", async () => {
    const user = await buildUser(db());
    const session = await signInAs(server.app, user.username);
    const start = (payload?: Record<string, string>) =>
      server.app.inject({
        method: "POST",
        url: "/api/session/totp",
        headers: session.headers,
        remoteAddress: "203.0.113.9",
        ...(payload ? { payload } : {}),
      });
    expect((await start()).statusCode).toBe(400);
    const wrong = await start({ currentPassword: "guess" });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({
      code: "wrong_password",
      errors: [{ field: "currentPassword" }],
    });
    expect(await auditCount("user.reauthenticate.failed", user.id)).toBe(1);
    for (let i = 1; i < defaultConfig.SWEETIE_LOGIN_ATTEMPTS; i++) {
      await start({ currentPassword: `guess ${i}` });
    }
    const locked = await start({ currentPassword: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
  });

  it("limits wrong current passwords on a password change", async () => {
    const user = await buildUser(db());
    const session = await signInAs(server.app, user.username);
    const change = (currentPassword: string) =>
      server.app.inject({
        method: "POST",
        url: "/api/session/password",
        headers: session.headers,
        remoteAddress: "203.0.113.10",
        payload: { currentPassword, newPassword: "a brand new passphrase" },
      });
    for (let i = 0; i < defaultConfig.SWEETIE_LOGIN_ATTEMPTS; i++) {
      expect((await change(`guess ${i}`)).statusCode).toBe(403);
    }
    expect((await change(TEST_PASSWORD)).statusCode).toBe(429);
  });
});
