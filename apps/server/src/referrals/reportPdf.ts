import { Worker } from "node:worker_threads";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import type { TDocumentDefinitions } from "pdfmake/interfaces";
import type { ConversationDigest } from "./conversationDigest";
import type { PackageContext, PackageInput, StartedClosingFile } from "./packageFiles";
import type { ReferralSubject } from "./referralSource";
import { coverContent, reportTitle, sectionDefinition, subjectSection } from "./reportContent";

// report.pdf in bounded memory: pdfmake lays out the report a section at a time (the cover, then
// a few dozen subjects each) in worker threads while the evidence is still being read, and
// pdf-lib joins the sections into one document and stamps every page's footer ("page n of N",
// which no section knows alone). No layout ever holds the whole report.

const SUBJECTS_PER_SECTION = 40;
const WORKER_URL = new URL("./reportWorker.mjs", import.meta.url);

type Reply = { id: number; bytes: Uint8Array } | { id: number; error: string };

/** A few worker threads that each lay out one section at a time. */
export class SectionRenderer {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; definition: TDocumentDefinitions }[] = [];
  private readonly pending = new Map<
    number,
    { resolve(bytes: Uint8Array): void; reject(error: Error): void }
  >();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_URL, {
        // Plain JavaScript: no TypeScript loader in this thread.
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
      });
      worker.on("message", (reply: Reply) => {
        const task = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if ("error" in reply)
          task?.reject(new Error(`the report could not be laid out (${reply.error})`));
        else task?.resolve(reply.bytes);
        this.idle.push(worker);
        this.pump();
      });
      worker.on("error", (error) => this.fail(error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  render(definition: TDocumentDefinitions): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const done = new Promise<Uint8Array>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    this.queue.push({ id, definition });
    this.pump();
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.idle.pop()!.postMessage(task);
    }
  }

  private fail(error: Error): void {
    this.failure = new Error(`the report's layout stopped (${error.message})`);
    for (const task of this.pending.values()) task.reject(this.failure);
    this.pending.clear();
  }
}

/** Starts report.pdf before the evidence is read: each subject is laid out once it is ready. */
export function startReportPdf(input: PackageInput): StartedClosingFile {
  // One layout thread: the build's own thread is busy reading and zipping the evidence, and a
  // second pdfmake heap costs more memory than it saves time (measured on the 1,000-subject
  // benchmark: 20.8 s and 568 MB with one, 22–28 s and 595 MB with two, on two cores).
  const renderer = new SectionRenderer(1);
  const sections: Promise<Uint8Array>[] = [];
  let batch: { subject: ReferralSubject; digests: readonly ConversationDigest[] }[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const content = batch.flatMap((b, i) => subjectSection(b.subject, b.digests, i === 0));
    const section = renderer.render(sectionDefinition(content));
    // Awaited in finish; a failure must not surface as an unhandled rejection before that.
    section.catch(() => undefined);
    sections.push(section);
    batch = [];
  };
  return {
    subjectReady(subject, digests) {
      batch.push({ subject, digests });
      if (batch.length >= SUBJECTS_PER_SECTION) flush();
    },
    async finish(context) {
      let parts: Uint8Array[];
      try {
        flush();
        const cover = renderer.render(sectionDefinition(coverContent(context)));
        parts = await Promise.all([cover, ...sections]);
      } finally {
        // The layout thread's heap goes before the sections are joined, not after.
        await renderer.close();
      }
      return joinSections(parts, input);
    },
    async abort() {
      await renderer.close();
    },
  };
}

/** The whole report at once (the same sections and joining), for a caller without the stream. */
export async function renderReportPdf(context: PackageContext): Promise<Uint8Array> {
  const report = startReportPdf(context.input);
  for (const subject of context.input.subjects) {
    report.subjectReady(subject, context.digests.get(subject.id) ?? []);
  }
  return report.finish(context);
}

export async function joinSections(
  parts: readonly Uint8Array[],
  input: PackageInput,
): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const part of parts) {
    const section = await PDFDocument.load(part);
    for (const page of await out.copyPages(section, section.getPageIndices())) out.addPage(page);
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const name = encodable(font, input.operation.name);
  const pages = out.getPages();
  const total = pages.length.toLocaleString("en-US");
  for (const [i, page] of pages.entries()) {
    const text = `${name} \u2014 page ${(i + 1).toLocaleString("en-US")} of ${total}`;
    const width = font.widthOfTextAtSize(text, 8);
    page.drawText(text, { x: (page.getWidth() - width) / 2, y: 28, size: 8, font });
  }
  const title = reportTitle(input);
  out.setTitle(`${title} \u2014 ${input.operation.name}`);
  out.setCreator("Sweetie");
  out.setProducer("Sweetie (pdfmake, pdf-lib)");
  out.setCreationDate(input.now);
  out.setModificationDate(input.now);
  return out.save();
}

/** The text with every character the footer's standard font cannot show replaced by "?". */
function encodable(font: PDFFont, text: string): string {
  let out = "";
  for (const char of text) {
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += "?";
    }
  }
  return out;
}
