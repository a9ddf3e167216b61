/** `sweetie assess`: the assessment of each conversation (stage, break-off, proposal, S6 flags). */
import type { Command } from "commander";
import { loadPlaceIndex, summarize } from "@sweetie/core";
import { LineWriter, readConversations } from "./conversationInput";
import { parseRegion, REGION_DESCRIPTION } from "./regionOption";

export function registerAssess(program: Command): void {
  program
    .command("assess")
    .description(
      'Read JSON Lines on stdin ({"type":"conversation",...} then {"type":"message",...} records) and write one assessment line per conversation.',
    )
    .option("--region <code>", REGION_DESCRIPTION, parseRegion, "PH")
    .action(async (options: { region: string }) => {
      await loadPlaceIndex();
      const result = await readConversations(
        process.stdin,
        (line) => console.error(`sweetie assess: ${line}`),
        {},
        options.region,
      );
      const writer = new LineWriter();
      for (const conversation of result.conversations) {
        const a = summarize(conversation.assessment);
        await writer.write(
          JSON.stringify({
            conv:
              typeof conversation.conv === "string"
                ? conversation.conv.toWellFormed()
                : conversation.conv,
            stage: a.stage,
            broken_off: a.brokenOff,
            proposed: a.proposed,
            flags: a.flags,
          }),
        );
      }
      await writer.flush();
      if (result.malformedLines > 0) process.exitCode = 2;
    });
}
