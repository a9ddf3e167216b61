import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { buildOperationWithTeam, buildUser } from "../../apps/server/src/test/accounts";
import { startTestServer, type TestServer } from "../../apps/server/src/test/testServer";
import { collectPageErrors, launchBrowser } from "./browser";
import { signIn } from "./signIn";

/** A console with one operation permitted on one venue, its supervisor and operator, a browser. */
export interface VenueConsole {
  server: TestServer;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  operationId: string;
  supervisorName: string;
  operatorName: string;
  /** Signs in afresh (cookies cleared) as `username` and lands on `next`. */
  signIn(username: string, next: string): Promise<void>;
  /**
   * With the Venues form filled in: adds the network, sees it listed, tests the connection and
   * sees it work (the caller then takes its screenshot). `timeout` is per step, in milliseconds.
   */
  addAndTestNetwork(timeout: number): Promise<void>;
  /** On the console: goes present on the venue under `displayName` and sees the presence shown. */
  goPresent(displayName: string, timeout: number): Promise<void>;
  close(): Promise<void>;
}

/** What both real-network venue browser tests (IRC, XMPP) start from. */
export async function startVenueConsole(input: {
  operationName: string;
  venueAddress: string;
}): Promise<VenueConsole> {
  const server = await startTestServer();
  const supervisor = await buildUser(server.store.db);
  const operator = await buildUser(server.store.db);
  const operation = await buildOperationWithTeam(server.store.db, {
    name: input.operationName,
    team: [
      { userId: supervisor.id, role: "supervisor" },
      { userId: operator.id, role: "operator" },
    ],
  });
  await server.store.db
    .updateTable("operations")
    .set({ permitted_venues: JSON.stringify([input.venueAddress]) })
    .where("id", "=", operation.id)
    .execute();
  const browser = await launchBrowser();
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage();
  return {
    server,
    browser,
    page,
    pageErrors: collectPageErrors(page),
    operationId: operation.id,
    supervisorName: supervisor.username,
    operatorName: operator.username,
    signIn: async (username, next) => {
      await page.context().clearCookies();
      await signIn(page, server.url, username, next);
    },
    addAndTestNetwork: async (timeout) => {
      await page.getByRole("button", { name: "Add network" }).click();
      await expect
        .poll(() => page.locator(".venue-table code").allTextContents(), { timeout: 20_000 })
        .toContain(input.venueAddress);
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect
        .poll(() => page.locator(".venue-test-result").textContent(), { timeout })
        .toContain("the account works");
    },
    goPresent: async (displayName, timeout) => {
      await page.getByLabel("Venue").fill(input.venueAddress);
      await page.getByLabel("Persona display name").fill(displayName);
      await page.getByRole("button", { name: "Go present" }).click();
      await expect
        .poll(() => page.locator(".presence-status").textContent(), { timeout })
        .toContain(input.venueAddress);
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
