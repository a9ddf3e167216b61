/// <reference lib="dom" />
import { toHex } from "@sweetie/core/ledger/bytes";
import { sha256 } from "@sweetie/core/ledger/hashing";
import { summarizeVerdict } from "@sweetie/core/referral/verdictSummary";
import { verifyPackage, type PackageReader } from "@sweetie/core/referral/verifyPackage";
import { unzipSync } from "fflate";

// verify.html's script: the same pure verifier as `sweetie verify`, over a ZIP or an unzipped
// folder the reader drops on the page or chooses. Nothing leaves the page (no network).

function memoryReader(files: Map<string, Uint8Array>): PackageReader {
  return {
    paths: () => [...files.keys()],
    read: async (path) => files.get(path)!,
    digest: async (path, onBytes) => {
      const bytes = files.get(path)!;
      onBytes?.(bytes.length);
      return { sha256: toHex(sha256(bytes)), size: bytes.length };
    },
  };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function show(status: string, lines: { text: string; ok: boolean | null }[], ok: boolean | null) {
  $("status").textContent = status;
  const result = $("result");
  result.dataset.ok = ok === null ? "" : String(ok);
  const list = $<HTMLUListElement>("checks");
  list.replaceChildren(
    ...lines.map((line) => {
      const item = document.createElement("li");
      item.dataset.ok = line.ok === null ? "" : String(line.ok);
      const mark = document.createElement("span");
      mark.className = "mark";
      mark.textContent = line.ok === null ? "" : line.ok ? "OK" : "FAILED";
      item.append(mark, document.createTextNode(line.text));
      return item;
    }),
  );
}

async function check(files: Map<string, Uint8Array>, source: string) {
  show(`Checking ${source}…`, [], null);
  const keyText = $<HTMLInputElement>("trusted-key").value.trim();
  const verdict = await verifyPackage(memoryReader(files), {
    trustedKeys: keyText ? [keyText.toLowerCase()] : [],
  });
  const summary = summarizeVerdict(verdict);
  show(
    summary.result,
    [
      ...(summary.title ? [{ text: summary.title, ok: null }] : []),
      ...(summary.key ? [{ text: summary.key, ok: null }] : []),
      ...summary.passed.map((text) => ({ text, ok: true })),
      ...summary.identification.map((text) => ({ text, ok: true })),
      ...summary.failed.map((text) => ({ text, ok: false })),
    ],
    verdict.ok,
  );
}

function fromZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [path, data] of Object.entries(unzipSync(bytes))) {
    if (!path.endsWith("/")) files.set(path, data);
  }
  return files;
}

/** Files chosen as a folder carry "folder/…" paths: the package's own paths follow the first "/". */
async function fromFolder(list: readonly File[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const file of list) {
    const relative = (file.webkitRelativePath || file.name).split("/").slice(1).join("/");
    files.set(relative || file.name, new Uint8Array(await file.arrayBuffer()));
  }
  return files;
}

async function entriesOf(entry: FileSystemEntry, prefix: string, out: File[], paths: string[]) {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    out.push(file);
    paths.push(prefix + entry.name);
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) break;
      for (const child of batch) await entriesOf(child, `${prefix}${entry.name}/`, out, paths);
    }
  }
}

async function handleFiles(list: readonly File[], source: string) {
  try {
    if (list.length === 1 && list[0]!.name.toLowerCase().endsWith(".zip")) {
      await check(fromZip(new Uint8Array(await list[0]!.arrayBuffer())), list[0]!.name);
    } else {
      await check(await fromFolder(list), source);
    }
  } catch (error) {
    show(
      `RESULT: this could not be read as a package (${(error as Error).message}). Choose the .zip as it was received, or the folder it was unzipped into.`,
      [],
      false,
    );
  }
}

$<HTMLInputElement>("zip-input").addEventListener("change", (event) => {
  const input = event.target as HTMLInputElement;
  void handleFiles(Array.from(input.files ?? []), "the package");
});
$<HTMLInputElement>("folder-input").addEventListener("change", (event) => {
  const input = event.target as HTMLInputElement;
  void handleFiles(Array.from(input.files ?? []), "the folder");
});
const drop = $("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const items = Array.from(event.dataTransfer?.items ?? []);
  const entry = items[0]?.webkitGetAsEntry();
  if (entry?.isDirectory) {
    const files: File[] = [];
    const paths: string[] = [];
    void entriesOf(entry, "", files, paths).then(async () => {
      const map = new Map<string, Uint8Array>();
      for (const [i, file] of files.entries()) {
        map.set(paths[i]!.split("/").slice(1).join("/"), new Uint8Array(await file.arrayBuffer()));
      }
      await check(map, "the folder");
    });
  } else {
    void handleFiles(Array.from(event.dataTransfer?.files ?? []), "the dropped files");
  }
});
