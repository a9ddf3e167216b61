/** `sweetie detect`: indicators per message, JSON Lines in, JSON Lines out. */
import type { Command } from "commander";
import { loadPlaceIndex } from "@sweetie/core";
import { LineWriter, readConversations } from "./conversationInput";

export function registerDetect(program: Command): void {
  program
    .command("detect")
    .description(
      'Read JSON Lines on stdin ({"type":"conversation",...} then {"type":"message",...} records) and write one line of indicators per message.',
    )
    .option(
      "--region <code>",
      "ISO country code for national phone numbers when the conversation names none",
      "PH",
    )
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
                id: message.id,
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
        options.region.toUpperCase(),
      );
      await writer.flush();
      if (result.malformedLines > 0) process.exitCode = 2;
    });
}
