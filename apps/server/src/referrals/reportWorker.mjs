// A worker thread that lays out one section of report.pdf with pdfmake: it receives a document
// definition (plain data, built and masked by reportPdf.ts) and answers with the PDF's bytes.
// Plain JavaScript, so it runs in any Node process without a TypeScript loader.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort } from "node:worker_threads";
import pdfmake from "pdfmake";

const fontDir = join(
  dirname(createRequire(import.meta.url).resolve("pdfmake/package.json")),
  "fonts",
  "Roboto",
);
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, "Roboto-Regular.ttf"),
    bold: join(fontDir, "Roboto-Medium.ttf"),
    italics: join(fontDir, "Roboto-Italic.ttf"),
    bolditalics: join(fontDir, "Roboto-MediumItalic.ttf"),
  },
});
// The report never loads anything: no URL, and only the bundled fonts from disk.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));

parentPort.on("message", async ({ id, definition }) => {
  try {
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    parentPort.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
