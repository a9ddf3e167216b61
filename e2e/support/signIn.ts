import type { Page } from "playwright-core";
import { TEST_PASSWORD } from "../../apps/server/src/test/accounts";

/** Signs in through the console's own form and lands on `next`. */
export async function signIn(page: Page, baseUrl: string, username: string, next: string) {
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}
