/** `sweetie detect`: indicators per message, JSON Lines in, JSON Lines out. */
import type { Command } from "commander";
import { loadPlaceIndex } from "@sweetie/core";
import { LineWriter, readConversations } from "./conversationInput";
import { parseRegion, REGION_DESCRIPTION } from "./regionOption";

export function registerDetect(program: Command): void {
  program
    .command("detect")
    .description(
      'Read JSON Lines on stdin ({"type":"conversation",...} then {"type":"message",...} records) and write one line of indicators per message.',
    )
    .option("--region <code>", REGION_DESCRIPTION, parseRegion, "PH")
    .action(async (options: { region: string }) => {
      await loadPlaceIndex();
      const writer = new LineWriter();
      const result = await readConversations(
        process.stdin,
        (line) => console.error(`sweetie detect: ${line}`),
        {
          onMessage: (message, indicators) =>
            writer.write(
              JSON.stringify({
                // The id is echoed back as the caller's own key, but never with half a surrogate pair.
                id: typeof message.id === "string" ? message.id.toWellFormed() : message.id,
                indicators: indicators.map((i) => ({
                  type: i.type,
                  start: i.start,
                  end: i.end,
                  ...(i.value === undefined ? {} : { value: i.value }),
                  confidence: i.confidence,
                  rule: i.rule,
                  ...(i.platform === undefined ? {} : { platform: i.platform }),
                  ...(i.country === undefined ? {} : { country: i.country }),
                })),
              }),
            ),
        },
        options.region,
      );
      await writer.flush();
      if (result.malformedLines > 0) process.exitCode = 2;
    });
}
