// What a finding's captured file is, decided by its bytes: the name and declared type are the
// uploader's claims. Pages (HTML, MHTML) and PDFs are kept as inert bytes and only ever served
// as a download; images are shown only when nothing in them is markup a browser would run.

export const MAX_FINDING_FILE_BYTES = 50 * 1024 * 1024;

export const FINDING_MEDIA_TYPES = [
  "image/png",
  "image/jpeg",
  "application/pdf",
  "text/html",
  "multipart/related",
] as const;
export type FindingMediaType = (typeof FINDING_MEDIA_TYPES)[number];

/** Types shown in the console (blurred until revealed); the others are downloads only. */
export const DISPLAYABLE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg"]);

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/** The type the file's first bytes show; "image/svg+xml" is recognised only to refuse it. */
export function sniffFindingType(head: Uint8Array): FindingMediaType | "image/svg+xml" | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  const text = Buffer.from(head)
    .toString("latin1")
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/u, "")
    .trimStart()
    .toLowerCase();
  if (/^(?:[a-z-]+:[^\n]*\r?\n)*mime-version:/u.test(text) && text.includes("multipart/related"))
    return "multipart/related";
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg")))
    return "image/svg+xml";
  if (
    text.startsWith("<!doctype html") ||
    text.startsWith("<html") ||
    /^<(head|body|meta)\b/u.test(text)
  )
    return "text/html";
  return null;
}

const NAMES: Record<string, string> = {
  "image/png": "a PNG image",
  "image/jpeg": "a JPEG image",
  "application/pdf": "a PDF document",
  "text/html": "an HTML page",
  "multipart/related": "an MHTML page",
  "image/svg+xml": "an SVG drawing",
};

const EXTENSION_TYPES: Record<string, FindingMediaType> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  pdf: "application/pdf",
  html: "text/html",
  htm: "text/html",
  mhtml: "multipart/related",
  mht: "multipart/related",
};

export type FindingFileCheck =
  { ok: true; mediaType: FindingMediaType } | { ok: false; reason: string };

/**
 * Checks a staged file: its bytes must be one of the accepted types, agree with its name's
 * extension, and an image must hold no page markup (a polyglot). Refused files are not stored.
 */
export function checkFindingFile(file: {
  fileName: string;
  head: Uint8Array;
  sizeBytes: number;
  markup: string | null;
}): FindingFileCheck {
  if (file.sizeBytes === 0) return { ok: false, reason: "The file is empty." };
  const sniffed = sniffFindingType(file.head);
  if (sniffed === "image/svg+xml") {
    return {
      ok: false,
      reason:
        "SVG drawings can carry scripts and are not accepted. Save the picture as PNG or JPEG.",
    };
  }
  if (!sniffed) {
    return {
      ok: false,
      reason: "Findings accept PNG, JPEG, PDF, HTML or MHTML files; this is none of them.",
    };
  }
  const extension = /\.([a-z0-9]+)$/iu.exec(file.fileName)?.[1]?.toLowerCase();
  const named = extension ? EXTENSION_TYPES[extension] : undefined;
  if (named && named !== sniffed) {
    return {
      ok: false,
      reason: `The file is named .${extension} but its contents are ${NAMES[sniffed]}. Save it with the right kind, or rename it to match.`,
    };
  }
  if (DISPLAYABLE_TYPES.has(sniffed) && file.markup) {
    return {
      ok: false,
      reason: `This image also contains web page code (${file.markup}), so it may be a disguised page. Take a fresh screenshot and upload that.`,
    };
  }
  return { ok: true, mediaType: sniffed };
}
