import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import type { ConversationDigest, DigestMessage } from "./conversationDigest";
import type { PackageContext, PackageInput } from "./packageFiles";
import type { ReferralIdentifier, ReferralSubject } from "./referralSource";
import { maskExplicit } from "./maskExplicit";
import { identificationPaths } from "./subjectIdentification";

// What report.pdf says, as pdfmake document definitions (plain data): the cover, and per subject
// a summary, the timeline and transcript excerpts (the messages that raised indicators and the
// persona's moves around them, capped); the full transcripts are files under evidence/.
// Explicit terms are masked (S8) and no image is reproduced: captures are listed with hashes.

const EXCERPT_LIMIT = 14;
const SOLICITATION = new Set([
  "solicit.webcam",
  "solicit.sexual",
  "solicit.image",
  "payment.offer",
]);

/** The messages worth reading first: indicators, and the persona's moves next to them. */
export function excerptOf(
  messages: readonly DigestMessage[],
  limit = EXCERPT_LIMIT,
): DigestMessage[] {
  const keep = new Set<number>();
  messages.forEach((m, i) => {
    if (m.indicators.length === 0) return;
    keep.add(i);
    if (i > 0 && messages[i - 1]!.direction === "out") keep.add(i - 1);
    if (i + 1 < messages.length && messages[i + 1]!.direction === "out") keep.add(i + 1);
  });
  return [...keep]
    .sort((a, b) => a - b)
    .slice(0, limit)
    .map((i) => messages[i]!);
}

/** Who initiated, and whether the persona stated its age before the first solicitation. */
export function safeguardFacts(conversation: ConversationDigest) {
  const firstSolicitation = conversation.messages.find(
    (m) => m.direction === "in" && m.indicators.some((t) => SOLICITATION.has(t)),
  );
  const ageStatement = conversation.messages.find(
    (m) =>
      m.direction === "out" &&
      (m.moveId === "age_statement" || m.indicators.includes("persona.age_statement")),
  );
  return {
    counterpartInitiated: conversation.initiator === "counterpart",
    ageStatedFirst:
      ageStatement !== undefined &&
      (!firstSolicitation || ageStatement.seq < firstSolicitation.seq),
  };
}

function moveLabel(m: DigestMessage): string {
  if (m.direction === "in") return "counterpart";
  return m.moveId
    ? `persona: library move "${m.moveId}" (library ${m.moveLibraryVersion?.slice(0, 12) ?? "?"})`
    : "persona: typed by the operator";
}

/** One subject's pages; `first`: the section's first subject (no page break before it). */
export function subjectSection(
  subject: ReferralSubject,
  conversations: readonly ConversationDigest[],
  first = false,
): Content[] {
  const messages = conversations.reduce((n, c) => n + c.messages.length, 0);
  const times = conversations.flatMap((c) => c.messages.map((m) => m.createdAt)).sort();
  const out: Content[] = [
    {
      text: `Subject: ${subject.label}`,
      style: "h2",
      ...(first ? {} : { pageBreak: "before" as const }),
    },
    {
      text: [
        `Country: ${subject.country ?? "not attributed"}.  Identity: `,
        subject.established
          ? { text: "established", bold: true }
          : {
              text: `not established (${subject.notEstablishedBecause ?? "no reason recorded"})`,
              italics: true,
            },
      ],
    },
    `${conversations.length} conversation(s), ${messages} messages, first ${times[0] ?? "—"}, last ${times.at(-1) ?? "—"}.`,
    { text: "Identifiers, with their claims and sources", style: "h3" },
    subject.identifiers.length === 0
      ? { text: "None recorded in the identification workspace for this subject.", italics: true }
      : { ul: subject.identifiers.map(identifierItem), style: "small" },
    ...(subject.identifiers.length === 0
      ? []
      : [
          `Each claim, citation, grading, sign-off, finding and country decision is a ledger entry in ${identificationPaths(subject.id).entries}, proved against the signed head; the findings' files are beside it (not reproduced here).`,
        ]),
  ];
  for (const c of conversations) {
    const facts = safeguardFacts(c);
    out.push(
      { text: `Conversation ${c.id}`, style: "h3" },
      `Opened ${c.createdAt} by the ${facts.counterpartInitiated ? "counterpart" : "persona"} "${c.counterpartHandle}"${c.venue?.address ? ` on ${c.venue.address}` : ""}. ` +
        `Age stated before any solicitation: ${facts.ageStatedFirst ? "yes" : "NO"}. Full transcript: ${c.entriesPath.replace(/entries\.jsonl$/, "transcript.txt")}.`,
      { text: "Timeline", style: "h4" },
      {
        ul: [
          {
            index: c.openingIndex ?? -1,
            text: `${c.createdAt} conversation opened (ledger entry ${c.openingIndex ?? "—"})`,
          },
          ...c.events.map((e) => ({
            index: e.index,
            text: `${e.createdAt} ${e.kind} (entry ${e.index})`,
          })),
          ...c.decisions.map((d) => ({
            index: d.index,
            text: `${d.createdAt} review: ${d.decision} — ${d.reason} (entry ${d.index})`,
          })),
          ...c.captures.map((k) => ({
            index: k.index,
            text: `${k.createdAt} capture ${k.fileName} (entry ${k.index})`,
          })),
        ]
          .sort((a, b) => a.index - b.index)
          .map((item) => item.text),
        style: "small",
      },
      { text: "Transcript excerpt (explicit terms masked)", style: "h4" },
    );
    const excerpt = excerptOf(c.messages);
    out.push(
      excerpt.length === 0
        ? { text: "No message in this conversation raised an indicator.", italics: true }
        : {
            stack: excerpt.map((m) => ({
              text: [
                {
                  text: `#${m.seq} ${m.createdAt} — ${moveLabel(m)}${m.indicators.length ? ` [${m.indicators.join(", ")}]` : ""}\n`,
                  style: "meta",
                },
                maskExplicit(m.body),
              ],
              margin: [0, 0, 0, 4],
            })),
          },
    );
    if (c.captures.length > 0) {
      out.push(
        { text: "Captures (not reproduced here; the files are in the package)", style: "h4" },
        {
          ul: c.captures.map((k) => ({
            text: [
              `${k.fileName} (${k.mediaType}, ${k.sizeBytes} bytes) — ${k.path}\n`,
              { text: `SHA-256 ${k.sha256}`, style: "mono" },
            ],
          })),
          style: "small",
        },
      );
    }
  }
  return out;
}

/** One identifier: the claim, its status, its sources and where its files are (S8: masked). */
function identifierItem(identifier: ReferralIdentifier): Content {
  const files = identifier.basis?.files ?? [];
  return {
    text: [
      { text: maskExplicit(`${identifier.kind}: ${identifier.value}`), bold: true },
      identifier.status ? ` — ${maskExplicit(identifier.status)}` : "",
      `\nSources: ${maskExplicit(identifier.sources.join("; ")) || "none"}`,
      ...(files.length > 0
        ? [`\nFiles in the package: ${files.map((f) => f.path).join(", ")}`]
        : []),
    ],
    margin: [0, 0, 0, 3],
  };
}

/** The cover: the operation, its authorization, the persona and how to verify the package. */
export function coverContent(context: PackageContext): Content[] {
  const { input, head, digests } = context;
  const op = input.operation;
  const conversations = [...digests.values()].flat();
  const allFacts = conversations.map(safeguardFacts);
  const allInitiated = allFacts.every((f) => f.counterpartInitiated);
  const allAgeFirst = allFacts.every((f) => f.ageStatedFirst);
  const title = reportTitle(input);
  const cover: Content[] = [
    { text: title, style: "h1" },
    {
      text: `Operation "${op.name}"${op.isTraining ? " — TRAINING OPERATION, not real evidence" : ""}`,
      style: "h2",
    },
    {
      ul: [
        `Authorization: ${op.authorization.issuingAuthority}, reference ${op.authorization.reference}, partner unit ${op.authorization.partnerUnit}`,
        `Authorized window: ${op.authorization.startsAt} to ${op.authorization.endsAt}; venues: ${op.authorization.permittedVenues.join(", ")}`,
        ...op.personas.map(
          (p) =>
            `Persona "${p.name}": a ${p.age}-year-old ${p.gender} in ${p.location} (computer-controlled identity; every word came from an operator or the reviewed safe-move library)`,
        ),
        `Subjects in this package: ${input.subjects.length}; conversations: ${conversations.length}`,
      ],
    },
    { text: "The persona's conduct", style: "h3" },
    allInitiated && allAgeFirst
      ? "In every conversation in this package the counterpart opened the conversation: the persona never initiated contact, and it stated its age before any solicitation."
      : "Not every conversation meets the safeguard: see the conversations marked below (who opened it, and whether the age was stated first).",
    { text: "Verifying this package", style: "h3" },
    `Every file is listed with its SHA-256 in manifest.json, signed with the operation's log key ${head.publicKey}. Every cited ledger entry has an inclusion proof against the signed tree head of ${head.head.size} entries (root ${head.head.root}, signed ${head.head.time}). Open verify.html in a browser (no installation, no network), or run "sweetie verify" on the ZIP.`,
  ];
  return cover;
}

export function reportTitle(input: PackageInput): string {
  return input.kind === "disclosure"
    ? "Disclosure"
    : `Referral to ${input.agency ?? "—"} (${input.country ?? "—"})`;
}

/** The page setup and styles every section of the report shares (the footer is stamped after). */
export function sectionDefinition(content: Content[]): TDocumentDefinitions {
  return {
    pageSize: "A4",
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: "Roboto", fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 14, bold: true, margin: [0, 6, 0, 6] },
      h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      meta: { fontSize: 8, color: "#555555" },
      small: { fontSize: 8.5 },
      mono: { fontSize: 7.5, color: "#333333" },
    },
    content,
  };
}
