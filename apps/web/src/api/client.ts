import type { z } from "zod";
import { ApiError } from "./apiError";
import { problemSchema } from "./schemas";

// The CSRF token arrives with every session response and must accompany every state-changing
// call. It lives here, next to the only code that sends requests, rather than in React state.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A multipart form (a file upload): sent as is, the browser sets its content type. */
  form?: FormData;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined && !options.form) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken !== null) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      code: "network_error",
      detail: "The server could not be reached. Check your connection and try again.",
      cause,
    });
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, for example): fall through to the generic message.
  }
  const problem = problemSchema.safeParse(body);
  if (problem.success && problem.data.detail !== undefined) {
    return new ApiError({
      status: response.status,
      code: problem.data.code ?? `http_${response.status}`,
      detail: problem.data.detail,
      fieldErrors: problem.data.errors ?? [],
    });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    detail: `The server answered with an unexpected error (HTTP ${response.status}). Try again; if it persists, tell your administrator.`,
  });
}

/** Calls the API and validates the JSON answer against `schema`. */
export async function requestJson<T>(
  path: string,
  schema: z.ZodType<T>,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(path, options);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError({
      status: response.status,
      code: "unexpected_response",
      detail:
        "The server's answer did not have the expected shape. The console and server may be different versions; reload the page.",
    });
  }
  return parsed.data;
}

/** Calls the API where the answer has no body worth reading (204). */
export async function requestEmpty(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
