import { fileURLToPath } from "node:url";
import { build } from "esbuild";

// verify.html: one self-contained file (script and styles inline, no network: the CSP forbids
// every fetch), bundling the same pure verifier the CLI runs. Built once per process.

const STYLE = `
  :root { font-family: system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
  body { max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin-bottom: .25rem; }
  .lead { color: #4a5565; margin-top: 0; }
  #drop { border: 2px dashed #8a94a6; border-radius: 10px; padding: 1.5rem; background: #fff; }
  #drop.over { border-color: #1f5fbf; background: #eef4ff; }
  .pickers { display: flex; gap: 1.5rem; flex-wrap: wrap; margin-top: .75rem; }
  label { font-weight: 600; display: block; margin-bottom: .25rem; }
  input[type=text] { width: 100%; font-family: ui-monospace, monospace; padding: .4rem; }
  #result { margin-top: 1.5rem; background: #fff; border-radius: 10px; padding: 1rem 1.25rem; border: 1px solid #d5d9e0; }
  #result[data-ok=true] { border-left: 8px solid #1e7a3a; }
  #result[data-ok=false] { border-left: 8px solid #b3261e; }
  #status { font-weight: 700; margin: 0 0 .5rem; }
  #checks { list-style: none; padding: 0; margin: 0; }
  #checks li { padding: .3rem 0; border-top: 1px solid #eceef2; overflow-wrap: anywhere; }
  .mark { display: inline-block; min-width: 4.5rem; font-weight: 700; }
  li[data-ok=true] .mark { color: #1e7a3a; }
  li[data-ok=false] .mark { color: #b3261e; }
`;

let cached: Promise<string> | null = null;

export function verifyPageHtml(): Promise<string> {
  cached ??= (async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("./verifyPageMain.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "none",
      logLevel: "silent",
    });
    const script = result.outputFiles[0]!.text.replaceAll("</script", "<\\/script");
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check this Sweetie package</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Check this package</h1>
<p class="lead">This page checks, on this computer only, that every file of the package is exactly what the sender signed: the signature, every file's SHA-256 and every ledger entry's proof. Nothing is sent anywhere and nothing needs to be installed.</p>
<div id="drop">
<p><strong>Drop the package's .zip file, or the folder it was unzipped into, here</strong> — or choose it:</p>
<div class="pickers">
<div><label for="zip-input">The .zip file</label><input id="zip-input" type="file" accept=".zip,application/zip"></div>
<div><label for="folder-input">The unzipped folder</label><input id="folder-input" type="file" webkitdirectory multiple></div>
</div>
<p><label for="trusted-key">The log key the sender gave you (optional, 64 characters)</label><input id="trusted-key" type="text" autocomplete="off" spellcheck="false"></p>
</div>
<section id="result" aria-live="polite"><p id="status">No package checked yet.</p><ul id="checks"></ul></section>
</main>
<script>${script}</script>
</body>
</html>
`;
  })();
  return cached;
}
