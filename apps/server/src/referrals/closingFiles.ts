import type { ClosingFile } from "./packageAssembler";
import { renderReportPdf } from "./reportPdf";

/** The files every package closes with, after its evidence. */
export const closingFiles: readonly ClosingFile[] = [
  { path: "report.pdf", role: "report", compress: false, build: renderReportPdf },
];
