import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now and returns one line per
 * violation. The engine is evaluated through the DevTools protocol rather than a script tag,
 * so the console's strict Content-Security-Policy stays in force during the test.
 */
export async function findAccessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate("typeof window.axe === 'object'");
  if (loaded !== true) await page.evaluate(await axeSource);
  const violations = await page.evaluate(`
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((result) =>
        result.violations.map(
          (violation) =>
            violation.id + ": " + violation.help + " at " +
            violation.nodes.map((node) => node.target.join(" ")).join(", "),
        ),
      )
  `);
  if (!Array.isArray(violations)) throw new Error("axe-core returned no result");
  return violations.map(String);
}
