// After sign-in the console returns to the page that was asked for (a link a colleague shared,
// or the page open when the session ended). Only same-origin paths are accepted, so a crafted
// link cannot send a user elsewhere after they sign in.

export function signInPathFor(location: string): string {
  if (location === "/" || location === "/sign-in" || location === "") return "/sign-in";
  return `/sign-in?next=${encodeURIComponent(location)}`;
}

export function safeReturnPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return "/operations";
  }
  return next;
}
