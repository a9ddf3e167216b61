import { availableParallelism } from "node:os";
import type { Content } from "pdfmake/interfaces";
import type { ClosingFile, PackageContext } from "../referrals/packageFiles";
import { maskExplicit } from "../referrals/maskExplicit";
import { sectionDefinition } from "../referrals/reportContent";
import { joinSections, SectionRenderer } from "../referrals/reportPdf";
import type { DisclosedConversation, DisclosedLine } from "./disclosedConversation";

// report.pdf of a disclosure: a cover (what is disclosed, the operation and its authorization,
// how to verify), then every conversation in full: every ledger entry in order, who made each
// persona move and how (typed, or a library move with its id and version), each delivery outcome,
// the reviews, captures and reveals. Laid out a few conversations per section in worker threads,
// joined with page numbers. Explicit terms are masked in this document only (S8: people who open
// it are spared them); each masked message names the transcript file with its exact words.

const CONVERSATIONS_PER_SECTION = 5;

function lineContent(line: DisclosedLine, transcriptPath: string): Content {
  const parts: Content[] = [
    { text: `entry ${line.index} · ${line.at} · ${line.who}\n`, style: "meta" },
    { text: line.what, bold: line.kind === "message" || line.kind === "decision" },
  ];
  if (line.body !== undefined) {
    const shown = maskExplicit(line.body);
    parts.push(`\n${shown}`);
    if (shown !== line.body) {
      parts.push({
        text: `\n(explicit terms masked in this report only; the exact words: ${transcriptPath})`,
        style: "meta",
      });
    }
  }
  if (line.delivery) {
    parts.push({
      text: `\nDelivery: ${line.delivery}`,
      bold: line.notDelivered === true,
      color: line.notDelivered ? "#a00000" : "#333333",
    });
  }
  return { text: parts, margin: [0, 0, 0, 5] };
}

function conversationSection(c: DisclosedConversation, path: string, first: boolean): Content[] {
  return [
    {
      text: `Conversation with "${c.counterpartHandle}"`,
      style: "h2",
      ...(first ? {} : { pageBreak: "before" as const }),
    },
    `Conversation ${c.id}, opened by ${c.openedBy}${c.venue ? ` on ${c.venue}` : ""}. ` +
      `${plural(c.counts.messages, "message")}; persona: ${plural(c.counts.moves, "library move")} and ${plural(c.counts.typed, "typed message")}; ` +
      `${c.counts.failed} not delivered; ${plural(c.counts.captures, "capture")}. Full transcript: ${path}.`,
    { text: "The record, entry by entry", style: "h3" },
    ...c.lines.map((line) => lineContent(line, path)),
    { text: "Reveals of masked items (S8)", style: "h3" },
    c.reveals.length === 0
      ? { text: "Nobody revealed a masked message or capture of this conversation.", italics: true }
      : { ul: c.reveals, style: "small" },
  ];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the package discloses, in words. */
function disclosedWords(context: PackageContext, conversations: readonly DisclosedConversation[]) {
  const subject = context.input.subjects[0];
  const linked = subject && !subject.conversationIds.includes(subject.id);
  if (context.input.subjects.length === 1 && subject && subject.conversationIds.length > 1) {
    return `Disclosed: subject "${subject.label}", all ${conversations.length} of its conversations`;
  }
  const only = conversations[0];
  if (conversations.length === 1 && only) {
    return `Disclosed: the conversation with "${only.counterpartHandle}"${linked ? ` (subject "${subject.label}")` : " (not linked to a subject yet)"}`;
  }
  return `Disclosed: ${plural(conversations.length, "conversation")}`;
}

function coverContent(context: PackageContext, conversations: readonly DisclosedConversation[]) {
  const { input, head } = context;
  const op = input.operation;
  const failed = conversations.reduce((n, c) => n + c.counts.failed, 0);
  const content: Content[] = [
    { text: "Disclosure", style: "h1" },
    {
      text: `Operation "${op.name}"${op.isTraining ? " — TRAINING OPERATION, not real evidence" : ""}`,
      style: "h2",
    },
    {
      ul: [
        disclosedWords(context, conversations),
        `Authorization: ${op.authorization.issuingAuthority}, reference ${op.authorization.reference}, partner unit ${op.authorization.partnerUnit}; window ${op.authorization.startsAt} to ${op.authorization.endsAt}`,
        ...op.personas.map(
          (p) =>
            `Persona "${p.name}": a ${p.age}-year-old ${p.gender} in ${p.location}, a computer-controlled identity: every word came from an operator or from the reviewed safe-move library`,
        ),
        `Persona messages not delivered to the network: ${failed} (they stay in the record, marked NOT DELIVERED)`,
        `Built ${input.now.toISOString()}; package ${input.packageId}`,
      ],
    },
    { text: "What this package holds", style: "h3" },
    "The full, unredacted record of every disclosed conversation: every ledger entry (evidence/conversations/<id>/entries.jsonl), a transcript of each (transcript.txt, with every operator move, who made it, library move ids and versions, delivery outcomes, reviews, captures and reveals), and the capture files. Nothing is left out. In this report explicit terms are masked for the reader; the transcript files have the exact words.",
    { text: "Verifying this package", style: "h3" },
    `Every file is listed with its SHA-256 in manifest.json, signed with the operation's log key ${head.publicKey}. Every ledger entry has an inclusion proof against the signed tree head of ${head.head.size} entries (root ${head.head.root}, signed ${head.head.time}). Open verify.html in a browser (no installation, no network), or run "sweetie verify" on the ZIP.`,
  ];
  return content;
}

/**
 * report.pdf for a disclosure, from the conversations the export collected while the ZIP was
 * written (`collected`, keyed by conversation id, with each one's transcript path).
 */
export function disclosureReportFile(
  collected: Map<string, { conversation: DisclosedConversation; transcriptPath: string }>,
): ClosingFile {
  return {
    path: "report.pdf",
    role: "report",
    async build(context) {
      const renderer = new SectionRenderer(Math.max(1, Math.min(2, availableParallelism())));
      try {
        const all = [...collected.values()];
        const sections = [
          renderer.render(
            sectionDefinition(
              coverContent(
                context,
                all.map((a) => a.conversation),
              ),
            ),
          ),
        ];
        for (let from = 0; from < all.length; from += CONVERSATIONS_PER_SECTION) {
          const part = all.slice(from, from + CONVERSATIONS_PER_SECTION);
          const content = part.flatMap((a, i) =>
            conversationSection(a.conversation, a.transcriptPath, i === 0),
          );
          sections.push(renderer.render(sectionDefinition(content)));
        }
        for (const s of sections) s.catch(() => undefined);
        return await joinSections(await Promise.all(sections), context.input);
      } finally {
        await renderer.close();
      }
    },
  };
}
