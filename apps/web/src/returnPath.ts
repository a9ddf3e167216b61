// After sign-in the console returns to the page that was asked for (a link a colleague shared,
// or the page open when the session ended). Only same-origin paths are accepted, so a crafted
// link cannot send a user elsewhere after they sign in.

export function signInPathFor(location: string): string {
  if (location === "/" || location === "/sign-in" || location === "") return "/sign-in";
  return `/sign-in?next=${encodeURIComponent(location)}`;
}

export function safeReturnPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  if (next === null || !next.startsWith("/")) return "/operations";
  // Resolve it the way the browser would (which drops tabs and newlines and reads "\\" as "/"),
  // and keep it only if it stays on this origin.
  const base = "https://console.invalid";
  let resolved: URL;
  try {
    resolved = new URL(next, base);
  } catch {
    return "/operations";
  }
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//host" resolves to the path "//host", which the history API would read as another host.
  if (resolved.origin !== base || path.startsWith("//")) return "/operations";
  return path;
}
