import type { ClosingFile } from "./packageFiles";
import { referralJsonldFile } from "./jsonld/referralJsonldFile";
import { renderReportPdf, startReportPdf } from "./reportPdf";
import { verifyPageHtml } from "./verifyPage/verifyPage";

/** The files every package closes with, after its evidence. */
export const closingFiles: readonly ClosingFile[] = [
  {
    path: "report.pdf",
    role: "report",
    build: renderReportPdf,
    start: startReportPdf,
  },
  referralJsonldFile,
  {
    path: "verify.html",
    role: "verifier",
    build: async () => new TextEncoder().encode(await verifyPageHtml()),
  },
];
