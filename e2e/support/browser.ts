import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const repositoryRoot = resolve(import.meta.dirname, "..", "..");
export const screenshotDir = resolve(repositoryRoot, "screenshots");
const consoleIndex = resolve(repositoryRoot, "apps/web/dist/index.html");

/** The Debian chromium, headless and quiet: no downloads, no network beyond loopback. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(consoleIndex)) {
    throw new Error(
      "The web console is not built (apps/web/dist/index.html is missing). Run `npm run build` first.",
    );
  }
  await mkdir(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Collects uncaught page errors and Content-Security-Policy violations so a test can assert the
 * console ran cleanly: a scene that throws while rendering otherwise shows up only as a missing
 * element and a timeout, and a blocked style or script only as a subtly broken page.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) {
      errors.push(message.text());
    }
  });
  return errors;
}
