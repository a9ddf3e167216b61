import type { Browser, Page } from "playwright-core";
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
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
